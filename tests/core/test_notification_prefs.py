"""Notification preferences: per category, in the app and/or by e-mail, immediately or in a digest."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bpo.accounts.choices import NotificationCategory, NotificationDelivery
from bpo.accounts.models import NotificationPreference
from bpo.core.models import EmailMode, Notification
from bpo.core.notifications import category_for
from bpo.core.services import notification_preferences_set, notify


def _prefer(user, category, *, in_app=True, email=True, delivery=NotificationDelivery.IMMEDIATE):
    NotificationPreference.objects.update_or_create(
        user=user, category=category, defaults={"in_app": in_app, "email": email, "delivery": delivery}
    )


@pytest.mark.parametrize(
    ("key", "category"),
    [
        ("charter-submitted:1:1", "programs"),
        ("budget-approved:1:2.0", "programs"),
        ("sourcing-invited:3", "sourcing"),
        ("award-proposed:1:2", "sourcing"),
        ("vendor-certification-30:4:2026-01-01", "vendors"),
        ("vendor-change-request:1", "vendors"),
        ("contract:1:notice:2026-01-01:30", "contracts"),
        ("obligation:1:2026-01-01:7", "contracts"),
        ("change:1:raised", "contracts"),
        ("dispute:1:opened", "contracts"),
        ("budget:4:80", "cost"),
        ("sla:1:2:breach", "service_levels"),
        ("scorecard-published-3", "service_levels"),
        ("risk:1:review-due:2026-01-01", "risk"),
        ("drill:1:due:2026-01-01", "risk"),
        ("capa:1:overdue:2026-01-01", "risk"),
        ("kri:1:breach:2026-01-01", "risk"),
        ("action-item:3:overdue:2026-01-01", "actions"),
        ("status_report:3:submitted", "actions"),
        ("support:3:raised", "actions"),
        ("communication:3:due:2026-01-01", "actions"),
        ("report:5", "reports"),
        ("lessons-offered:1:sourcing", "programs"),
        ("initiative:2:proposed", "programs"),
        ("demo:welcome", "general"),
    ],
)
def test_category_comes_from_the_event_key(key, category):
    assert category_for(key) == category


def test_without_preferences_a_notification_shows_and_is_emailed_at_once(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (note,) = notify(recipients=[cast.manager], event_key="risk:1:review-due:x", title="Review")
    assert (note.category, note.in_app, note.email_mode) == ("risk", True, EmailMode.IMMEDIATE)
    assert len(mail.outbox) == 1 and note.pk in Notification.objects.visible_to(cast.manager).values_list(
        "pk", flat=True
    )


def test_email_off_keeps_it_in_the_app_only(cast, django_capture_on_commit_callbacks):
    _prefer(cast.manager, NotificationCategory.RISK, email=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[cast.manager, cast.viewer], event_key="risk:1:review-due:x", title="Review")
    assert [m.to[0] for m in mail.outbox] == ["viewer@example.com"]
    note = Notification.objects.get(recipient=cast.manager)
    assert note.email_mode == EmailMode.NONE and note.in_app
    assert Notification.objects.visible_to(cast.manager).count() == 1


def test_in_app_off_hides_it_from_the_bell_but_still_emails(cast, client, django_capture_on_commit_callbacks):
    _prefer(cast.manager, NotificationCategory.CONTRACTS, in_app=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[cast.manager], event_key="contract:1:notice:2026-01-01:30", title="Notice")
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=cast.manager).count() == 1  # kept: it is the once-only record
    assert not Notification.objects.visible_to(cast.manager).exists()
    client.force_login(cast.manager)
    assert "Notice" not in client.get(reverse("core:notifications")).content.decode()


def test_both_off_sends_nothing_yet_a_second_run_still_creates_nothing(cast, django_capture_on_commit_callbacks):
    _prefer(cast.manager, NotificationCategory.RISK, in_app=False, email=False)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notify(recipients=[cast.manager], event_key="capa:1:overdue:2026-01-01", title="Late")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=cast.manager).count() == 1
    assert not Notification.objects.visible_to(cast.manager).exists()


def test_digest_preference_keeps_the_email_for_the_digest(cast, django_capture_on_commit_callbacks):
    _prefer(cast.manager, NotificationCategory.SERVICE_LEVELS, delivery=NotificationDelivery.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[cast.manager], event_key="sla:1:2:breach", title="Breach")
        notify(recipients=[cast.manager], event_key="risk:2:review-due:x", title="Other category")
    assert [m.subject for m in mail.outbox] == ["Other category"]
    assert Notification.objects.get(event_key="sla:1:2:breach").email_mode == EmailMode.DIGEST


def test_a_preference_applies_to_its_category_only_and_the_caller_may_name_one(
    cast, django_capture_on_commit_callbacks
):
    _prefer(cast.manager, NotificationCategory.REPORTS, email=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[cast.manager], event_key="xyz:1", title="Ready", category="reports")
        notify(recipients=[cast.manager], event_key="xyz:2", title="Other")
    assert [m.subject for m in mail.outbox] == ["Other"]
    assert Notification.objects.get(event_key="xyz:1").category == "reports"


def test_email_false_from_the_caller_wins_over_the_preference(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (note,) = notify(recipients=[cast.manager], event_key="risk:9:x", title="Quiet", email=False)
    assert mail.outbox == [] and note.email_mode == EmailMode.NONE


def test_preferences_are_read_in_one_query_for_all_recipients(cast):
    recipients = [cast.manager, cast.contributor, cast.viewer, cast.evaluator]
    _prefer(cast.viewer, NotificationCategory.RISK, email=False)
    with CaptureQueriesContext(connection) as ctx:
        notify(recipients=recipients, event_key="risk:1:x", title="T")
    assert sum("notificationpreference" in q["sql"] for q in ctx.captured_queries) == 1
    assert Notification.objects.get(recipient=cast.viewer).email_mode == EmailMode.NONE


def test_profile_page_shows_and_saves_the_preferences(cast, client):
    client.force_login(cast.manager)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'name="email_risk"' in page and "Daily digest" in page
    data = {"action": "notification_preferences"}
    for c in NotificationCategory.values:
        data[f"in_app_{c}"] = "on"
        data[f"email_{c}"] = "on"
        data[f"delivery_{c}"] = "immediate"
    data.pop("email_contracts")
    data["delivery_risk"] = "digest"
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code == 302
    prefs = {p.category: p for p in NotificationPreference.objects.filter(user=cast.manager)}
    assert len(prefs) == len(NotificationCategory.values)
    assert prefs["contracts"].email is False and prefs["risk"].delivery == "digest"
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'name="email_contracts" aria-label' in page  # unchecked: no "checked" after it
    assert not NotificationPreference.objects.filter(user=cast.viewer).exists()


def test_preferences_service_ignores_unknown_categories_and_deliveries(cast):
    saved = notification_preferences_set(
        user=cast.viewer,
        rows=[
            {"category": "nope", "in_app": True, "email": True, "delivery": "digest"},
            {"category": "risk", "in_app": True, "email": True, "delivery": "weekly"},
        ],
    )
    assert saved == 1
    assert NotificationPreference.objects.get(user=cast.viewer).delivery == "immediate"


def test_vendor_user_chooses_in_the_portal_without_an_in_app_column(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:notification_preferences")
    page = client.get(url).content.decode()
    assert 'name="email_contracts"' in page and 'name="in_app_contracts"' not in page
    data = {f"email_{c}": "on" for c in NotificationCategory.values}
    data.update({f"delivery_{c}": "immediate" for c in NotificationCategory.values})
    data["delivery_contracts"] = "digest"
    assert client.post(url, data).status_code == 302
    pref = NotificationPreference.objects.get(user=cast.vendor_x_user, category="contracts")
    assert pref.delivery == "digest" and pref.in_app
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[cast.vendor_x_user], event_key="obligation:1:2026-01-01:due", title="Due")
    assert mail.outbox == []
    assert Notification.objects.get(recipient=cast.vendor_x_user).email_mode == EmailMode.DIGEST
    assert not NotificationPreference.objects.filter(user=cast.vendor_x_admin).exists()


def test_api_lists_and_changes_only_the_users_own_preferences(cast, client):
    client.force_login(cast.manager)
    url = reverse("notification-preference-list")
    rows = client.get(url).json()
    assert [r["event_category"] for r in rows] == NotificationCategory.values
    assert rows[0] == {
        "event_category": "programs",
        "label": "Programs, charters and budgets",
        "in_app": True,
        "email": True,
        "email_delivery": "immediate",
    }
    detail = reverse("notification-preference-detail", args=["risk"])
    response = client.patch(detail, {"email_delivery": "digest"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["email_delivery"] == "digest" and response.json()["email"] is True
    assert NotificationPreference.objects.get(user=cast.manager, category="risk").delivery == "digest"
    bad = client.patch(detail, {"email_delivery": "weekly"}, content_type="application/json")
    assert bad.status_code == 400
    assert client.get(reverse("notification-preference-detail", args=["nope"])).status_code == 404
    client.force_login(cast.viewer)
    assert client.get(detail).json()["email_delivery"] == "immediate"  # the viewer's own, untouched


def test_notification_list_names_the_kind_and_links_to_the_preferences(cast, client):
    notify(recipients=[cast.manager], event_key="risk:1:review-due:x", title="Review", email=False)
    client.force_login(cast.manager)
    page = client.get(reverse("core:notifications")).content.decode()
    assert "Risks, drills and corrective actions" in page
    assert reverse("accounts:profile") + "#h-notification-prefs" in page
