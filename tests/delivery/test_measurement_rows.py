"""The measurements table prints its rows in Python: the same markup the template printed
(kept here as the reference), in each language, with and without the exclusion forms."""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from delivery.tables import measurement_rows
from tests.contracts.factories import SampleFactory, contract_of_a

pytestmark = pytest.mark.django_db

# The row markup of templates/delivery/_measurement_table.html before the rows moved to Python
# (the value since through format_number: 87.5, not 87.5000).
REFERENCE = Template(
    """{% load i18n tz formats %}{% translate "Yes" as yes %}{% translate "No" as no %}{% translate "Reason" as reason %}"""
    """{% translate "Exclude" as exclude %}{% translate "Clear" as clear %}{% for s in samples %}<tr>
    <td>{{ s.service_level.code }}</td>
    <td><time datetime="{{ s.measured_at|date:'c' }}">{{ s.measured_at|timezone:tz|date:"Y-m-d H:i:s" }}</time></td>
    <td>{{ s.value|number }}</td>
    <td>{{ s.reference }}</td>
    <td>{% if s.excluded %}{{ yes }}{% else %}{{ no }}{% endif %}</td>
    <td>{{ s.exclusion_reason }}</td>
    {% if can_exclude %}<td>
      <form method="post" action="{% url 'delivery:sample_exclusion' s.pk %}" class="form row">{% csrf_token %}
        <input type="hidden" name="next" value="{{ next }}">
        {% if s.excluded %}<input type="hidden" name="excluded" value="0"><button class="link" type="submit">{{ clear }}</button>
        {% else %}<input type="hidden" name="excluded" value="1"><label class="sr-only" for="reason-{{ s.pk }}">{{ reason }}</label><input id="reason-{{ s.pk }}" name="reason" type="text" placeholder="{{ reason }}" required><button class="link" type="submit">{{ exclude }}</button>{% endif %}
      </form></td>{% endif %}
  </tr>{% endfor %}"""
)


def _squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("can_exclude", [True, False])
def test_the_rows_print_what_the_template_printed(cast, language, can_exclude):
    sl = contract_of_a(cast).service_levels.get()
    samples = [
        SampleFactory(
            service_level=sl,
            measured_at=datetime(2026, 1, 5, 23, 30, 15, tzinfo=UTC),
            value=Decimal("87.5000"),
            reference='<b>"call-1"</b>',
        ),
        SampleFactory(
            service_level=sl,
            measured_at=datetime(2026, 1, 6, 1, 0, tzinfo=UTC),
            value=Decimal("90.1234"),
            excluded=True,
            exclusion_reason="Outage & <script>",
        ),
        SampleFactory(service_level=sl, measured_at=datetime(2026, 1, 7, tzinfo=UTC), value=Decimal("12")),
    ]
    tz, next_url, token = "Asia/Shanghai", "/contracts/1/measurements/?q=a&b=<c>", "tok3n"
    with translation.override(language):
        expected = REFERENCE.render(
            Context({"samples": samples, "tz": tz, "can_exclude": can_exclude, "next": next_url, "csrf_token": token})
        )
        rows = measurement_rows(samples, can_exclude=can_exclude, tz=tz, next_url=next_url, csrf_token=token)
    assert _squeeze("".join(f"<tr>{r}</tr>" for r in rows)) == _squeeze(expected)
    assert "2026-01-06 07:30:15" in rows[0]  # the program's time zone
    assert ("<form" in rows[0]) is can_exclude


def test_the_page_shows_the_rows_and_their_forms(client, cast):
    contract = contract_of_a(cast)
    sample = SampleFactory(service_level=contract.service_levels.get(), measured_at=datetime(2026, 1, 5, tzinfo=UTC))
    client.force_login(cast.manager)
    page = client.get(f"/contracts/{contract.pk}/measurements/").content.decode()
    assert f'action="{reverse("delivery:sample_exclusion", args=[sample.pk])}"' in page
    assert 'name="csrfmiddlewaretoken"' in page and sample.reference in page
