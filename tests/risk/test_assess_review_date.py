"""The assessment form shows the risk's next review date when it is still ahead, and saving the
form as shown keeps it (the field was empty, and saving replaced the date with today plus the
review frequency without saying so). A review due today or overdue is left to this assessment."""

import datetime

from django.urls import reverse

from risk.models import Risk

from .test_register import make_risk

AHEAD = datetime.date(2099, 1, 15)


def _as_shown(form) -> dict:
    """The form's values as the browser submits them untouched."""
    return {name: "" if value is None else value for name, value in form.initial.items()} | {"notes": ""}


def _risk(cast, next_review_date):
    risk = make_risk(cast)
    Risk.objects.filter(pk=risk.pk).update(
        next_review_date=next_review_date,
        inherent_likelihood=3,
        inherent_impact=3,
        residual_likelihood=2,
        residual_impact=2,
    )
    return Risk.objects.get(pk=risk.pk)


def test_the_assessment_form_shows_and_keeps_the_next_review_date(cast, client):
    risk = _risk(cast, AHEAD)
    client.force_login(cast.manager)
    url = reverse("risk:risk_assess", args=[risk.pk])
    page = client.get(url)
    assert 'name="next_review_date" value="2099-01-15"' in page.content.decode()
    response = client.post(url, _as_shown(page.context["form"]))
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.next_review_date == AHEAD and risk.assessed_at is not None


def test_an_overdue_review_date_is_left_to_the_assessment(cast, client):
    risk = _risk(cast, datetime.date(2020, 1, 1))
    client.force_login(cast.manager)
    url = reverse("risk:risk_assess", args=[risk.pk])
    page = client.get(url)
    assert page.context["form"].initial["next_review_date"] is None
    assert client.post(url, _as_shown(page.context["form"])).status_code == 302
    risk.refresh_from_db()
    assert risk.next_review_date > datetime.date(2020, 1, 1)
