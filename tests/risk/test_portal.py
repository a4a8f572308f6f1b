"""The vendor's portal shows only risks shared with it and tied to it, read-only, with its own actions."""

import datetime

from django.urls import reverse
from django.utils import timezone

from risk import services
from risk.choices import ActionSource

from .test_register import make_risk


def setup_risks(cast):
    shared = make_risk(cast, title="Shared with X", vendor=cast.vendor_x, shared_with_vendor=True)
    unshared = make_risk(cast, title="Internal about X", vendor=cast.vendor_x)
    other = make_risk(cast, title="Shared with Y", vendor=cast.vendor_y, shared_with_vendor=True)
    due = timezone.localdate() + datetime.timedelta(days=10)
    common = {
        "by": cast.manager,
        "program": cast.program_a,
        "source": ActionSource.RISK_REVIEW,
        "risk": shared,
        "problem": "p",
        "due_date": due,
    }
    mine = services.action_create(title="X must train agents", owner=cast.vendor_x_user, **common)
    internal = services.action_create(title="Internal budget check", owner=cast.manager, **common)
    return shared, unshared, other, mine, internal


def test_vendor_sees_only_its_shared_risks(cast, client):
    shared, unshared, other, mine, internal = setup_risks(cast)
    client.force_login(cast.vendor_x_admin)
    page = client.get(reverse("portal:risk_list")).content.decode()
    assert "Shared with X" in page
    assert "Internal about X" not in page and "Shared with Y" not in page
    detail = client.get(reverse("portal:risk_detail", args=[shared.pk]))
    text = detail.content.decode()
    assert detail.status_code == 200
    assert "X must train agents" in text and "Internal budget check" not in text
    assert "<form" not in text.split("<main", 1)[1].split("</main>")[0]  # read-only
    assert client.get(reverse("portal:risk_detail", args=[unshared.pk])).status_code == 404
    assert client.get(reverse("portal:risk_detail", args=[other.pk])).status_code == 404


def test_other_vendor_gets_404_and_home_panel_counts(cast, client):
    shared, *_ = setup_risks(cast)
    client.force_login(cast.vendor_y_admin)
    assert client.get(reverse("portal:risk_detail", args=[shared.pk])).status_code == 404
    client.force_login(cast.vendor_x_user)
    home = client.get(reverse("portal:home")).content.decode()
    assert "1 risk is shared with you." in home


def test_vendor_cannot_read_risks_through_the_api(cast, client):
    shared, *_ = setup_risks(cast)
    client.force_login(cast.vendor_x_admin)
    assert client.get(reverse("risk-detail", args=[shared.pk])).status_code == 403
    assert client.get(reverse("corrective-action-list")).status_code == 403
