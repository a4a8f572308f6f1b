"""Notification categories and each user's preferences for them.

A notification's category comes from its event key's prefix (the table below), unless the
caller of notify() names one. A new kind of event whose key starts with none of these lands
in GENERAL ("Other"); add its prefix here (or pass `category=`) so users can choose for it.
"""

from bpo.accounts.choices import NotificationCategory, NotificationDelivery

C = NotificationCategory

# Event key prefix -> category, the longest matching prefix wins. Keep in step with the
# notify() call sites (`grep -rn "notify(" --include=*.py`).
PREFIXES: dict[str, str] = {
    # strategy: charter submitted / approved / returned, budget approved
    "charter-": C.PROGRAMS,
    "budget-approved:": C.PROGRAMS,
    "gate": C.PROGRAMS,
    # performance (improvement): initiatives and lessons learned offered for a program's phase
    "initiative:": C.PROGRAMS,
    "lessons-offered:": C.PROGRAMS,
    # vendors: sourcing events, evaluation, awards
    "sourcing-": C.SOURCING,
    "award-": C.SOURCING,
    # vendors: registry change requests and expiring certifications / documents
    "vendor-": C.VENDORS,
    # contracts: reviews, notice deadlines, obligations, changes, disputes
    "contract:": C.CONTRACTS,
    "obligation:": C.CONTRACTS,
    "change:": C.CONTRACTS,
    "dispute:": C.CONTRACTS,
    # delivery (cost): budget line thresholds, invoices
    "budget:": C.COST,
    "invoice": C.COST,
    # performance: service-level breaches and scorecards
    "sla:": C.SERVICE_LEVELS,
    "scorecard-": C.SERVICE_LEVELS,
    "period": C.SERVICE_LEVELS,
    # risk: reviews, drills, corrective actions, indicator breaches, incidents
    "risk:": C.RISK,
    "drill:": C.RISK,
    "capa:": C.RISK,
    "kri:": C.RISK,
    "incident": C.RISK,
    # delivery (engagement): governance meetings and action items, communications, status
    # reports, support requests; (plan) transition tasks
    "action-item": C.ACTIONS,
    "action:": C.ACTIONS,
    "meeting": C.ACTIONS,
    "governance": C.ACTIONS,
    "communication:": C.ACTIONS,
    "status_report:": C.ACTIONS,
    "support:": C.ACTIONS,
    "task:": C.ACTIONS,
    # reports (requested, scheduled, the monthly finance report)
    "report": C.REPORTS,
    "monthly-finance": C.REPORTS,
}
_ORDERED = sorted(PREFIXES.items(), key=lambda item: -len(item[0]))


def category_for(event_key: str) -> str:
    """The category of an event key (GENERAL when no prefix matches)."""
    for prefix, category in _ORDERED:
        if event_key.startswith(prefix):
            return str(category)
    return str(C.GENERAL)


class Preference:
    """A user's choice for one category; the default when they have not chosen."""

    __slots__ = ("category", "in_app", "email", "delivery", "label")

    def __init__(self, category, in_app=True, email=True, delivery=NotificationDelivery.IMMEDIATE):
        self.category, self.in_app, self.email, self.delivery = category, in_app, email, delivery
        self.label = ""

    @property
    def digest(self) -> bool:
        return self.email and self.delivery == NotificationDelivery.DIGEST


def preferences_for(user_ids, category: str) -> dict[int, Preference]:
    """The preference of each of these users for one category, in one query."""
    from bpo.accounts.models import NotificationPreference

    rows = NotificationPreference.objects.filter(user_id__in=list(user_ids), category=category)
    prefs = {uid: Preference(category) for uid in user_ids}
    for row in rows:
        prefs[row.user_id] = Preference(category, row.in_app, row.email, row.delivery)
    return prefs


def preference_table(user) -> list[Preference]:
    """Every category with this user's preference (defaults filled in), in the order of the categories."""
    from bpo.accounts.models import NotificationPreference

    saved = {p.category: p for p in NotificationPreference.objects.filter(user=user)}
    table = []
    for value, label in NotificationCategory.choices:
        row = saved.get(value)
        pref = Preference(value, row.in_app, row.email, row.delivery) if row else Preference(value)
        pref.label = label
        table.append(pref)
    return table


def preference_rows_from_post(post, *, in_app_shown: bool = True) -> list[dict]:
    """The preferences form's rows (one per category) from a POST; a form without the in-app
    column (the vendor portal has no bell) keeps in-app on."""
    return [
        {
            "category": c,
            "in_app": post.get(f"in_app_{c}") == "on" if in_app_shown else True,
            "email": post.get(f"email_{c}") == "on",
            "delivery": post.get(f"delivery_{c}", ""),
        }
        for c in NotificationCategory.values
    ]
