"""Country names as the registry stores them (English, typed by staff), shown translated.

The vendor's country is a free-text field (no country-field library is installed), so the names
vendors come from are marked for translation here; a name not listed shows as typed."""

from django.utils.translation import gettext_lazy as _

COUNTRY_NAMES = {
    name.casefold(): label
    for name, label in (
        ("Australia", _("Australia")),
        ("Bangladesh", _("Bangladesh")),
        ("Brazil", _("Brazil")),
        ("Bulgaria", _("Bulgaria")),
        ("Canada", _("Canada")),
        ("China", _("China")),
        ("Colombia", _("Colombia")),
        ("Costa Rica", _("Costa Rica")),
        ("Czech Republic", _("Czech Republic")),
        ("Denmark", _("Denmark")),
        ("Egypt", _("Egypt")),
        ("Finland", _("Finland")),
        ("France", _("France")),
        ("Germany", _("Germany")),
        ("Hong Kong", _("Hong Kong")),
        ("Hungary", _("Hungary")),
        ("India", _("India")),
        ("Indonesia", _("Indonesia")),
        ("Ireland", _("Ireland")),
        ("Israel", _("Israel")),
        ("Italy", _("Italy")),
        ("Japan", _("Japan")),
        ("Kenya", _("Kenya")),
        ("Malaysia", _("Malaysia")),
        ("Mexico", _("Mexico")),
        ("Morocco", _("Morocco")),
        ("Netherlands", _("Netherlands")),
        ("Norway", _("Norway")),
        ("Pakistan", _("Pakistan")),
        ("Philippines", _("Philippines")),
        ("Poland", _("Poland")),
        ("Portugal", _("Portugal")),
        ("Romania", _("Romania")),
        ("Singapore", _("Singapore")),
        ("South Africa", _("South Africa")),
        ("South Korea", _("South Korea")),
        ("Spain", _("Spain")),
        ("Sri Lanka", _("Sri Lanka")),
        ("Sweden", _("Sweden")),
        ("Switzerland", _("Switzerland")),
        ("Taiwan", _("Taiwan")),
        ("Thailand", _("Thailand")),
        ("Turkey", _("Turkey")),
        ("Ukraine", _("Ukraine")),
        ("United Kingdom", _("United Kingdom")),
        ("United States", _("United States")),
        ("Vietnam", _("Vietnam")),
    )
}


def country_name(value: str) -> str:
    """The country as the reader's language names it: 中国 for "China" in Chinese; a name not
    listed above as typed."""
    if not value:
        return ""
    label = COUNTRY_NAMES.get(value.strip().casefold())
    return str(label) if label is not None else value
