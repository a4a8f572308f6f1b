"""The demo's scorecards: a published one per finalized period of CS-2026's contract, built once,
so the vendor performance pages of the demo have trends."""

from io import StringIO

from django.core.management import call_command

from performance.insight.selectors import spend_performance, vendor_performance
from performance.models import Period, Scorecard
from vendors.models import Vendor


def test_demo_publishes_a_scorecard_per_finalized_period_once(db, settings):
    settings.BPO_DEMO_ALLOWED = True
    call_command("load_demo", stdout=StringIO())
    finalized = Period.objects.filter(contract__number="CS-MSA-2026-001", status="finalized").count()
    assert finalized >= 1
    assert Scorecard.objects.filter(status="published").count() == finalized
    call_command("load_demo", stdout=StringIO())
    assert Scorecard.objects.count() == finalized
    from bpo.accounts.models import User

    apex = Vendor.objects.get(name="Apex Contact Solutions Ltd.")
    data = vendor_performance(apex, User.objects.get(username="exec"))
    assert data["trend"] is not None and len(data["cards"]) == finalized
    portal = vendor_performance(apex, User.objects.get(username="apex.admin"))
    assert len(portal["cards"]) == finalized
    spend_performance(User.objects.get(username="finance"), highlight=apex)
