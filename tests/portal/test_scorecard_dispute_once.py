"""A criterion holds one open dispute at a time (the service refuses a second one), so the portal
offers no Dispute form on a criterion whose dispute is open, only a line saying it is open; the
other criteria keep their form, and once the dispute is resolved the form is back. The form was
offered and answered "This criterion already has an open dispute." (user test)."""

import re

from django.urls import reverse

from performance.scorecards import services
from tests.portal.test_scorecard_acknowledge_waits import _published

OPEN = "Your dispute of this criterion is open: staff will resolve it."


def _row(page: str, kind: str) -> str:
    return re.search(rf'<tr data-testid="line-{kind}">(.*?)</tr>', page, re.S).group(1)


def test_no_dispute_form_on_a_criterion_whose_dispute_is_open(cast, client):
    card = _published(cast)
    line = card.lines.get(kind="sla_attainment")
    other = card.lines.exclude(pk=line.pk).first()
    url = reverse("portal:scorecard_detail", args=[card.pk])
    client.force_login(cast.vendor_x_user)
    assert 'data-testid="dispute"' in _row(client.get(url).content.decode(), line.kind)

    dispute = services.scorecard_dispute(line=line, by=cast.vendor_x_user, reason="Excused")
    page = client.get(url).content.decode()
    row = _row(page, line.kind)
    assert OPEN in row and 'data-testid="dispute"' not in row
    assert 'data-testid="dispute"' in _row(page, other.kind) and OPEN not in _row(page, other.kind)

    services.scorecard_resolve_dispute(dispute=dispute, by=cast.manager, accept=False, reason="Stands")
    row = _row(client.get(url).content.decode(), line.kind)
    assert 'data-testid="dispute"' in row and OPEN not in row
