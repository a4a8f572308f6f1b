"""A notification's title reaches each recipient in their language, whoever acted in which.

`gettext_lazy(...) % {...}` is rendered at once in the actor's language; the services build
titles with bpo.core.i18n.interpolate, which `notify` renders per recipient."""

from django.utils import translation

from bpo.core.i18n import interpolate
from bpo.core.models import Notification
from strategy.services import budget_approve, charter_item_create


def test_interpolate_stays_lazy_until_rendered():
    from django.utils.translation import gettext_lazy as _

    title = interpolate(_("Finance approved the budget of %(program)s"), {"program": "PA"})
    with translation.override("zh-hans"):
        assert str(title) == "财务已批准 PA 的预算"
    with translation.override("en"):
        assert str(title) == "Finance approved the budget of PA"


def test_an_english_actor_notifies_a_chinese_manager_in_chinese(cast):
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    charter_item_create(
        program=cast.program_a, kind="budget", by=cast.manager, category="vendor_fees", period="2027", planned_amount=1
    )
    with translation.override("en"):  # finance works in English
        budget_approve(program=cast.program_a, by=cast.finance)
    assert Notification.objects.get(recipient=cast.manager).title == "财务已批准 PA 的预算"
