"""Every reminder of the product goes through notify() and is sent at most once per event.

Two checks: a scan of the code (no module but the notification mechanism sends e-mail or
writes notifications itself), and every scheduled job run twice over the demo data (the
second run notifies nobody and sends no e-mail; every e-mail of the first matches one
notification created through notify())."""

import ast
from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bpo.core.models import EmailMode, Notification

ROOT = Path(__file__).resolve().parents[2]
APPS = ["bpo", "strategy", "vendors", "contracts", "delivery", "performance", "risk"]

# Calls that send e-mail without notify().
MAIL_CALLS = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "EmailMessage", "EmailMultiAlternatives"}
# The modules allowed to send e-mail themselves, and why.
MAIL_ALLOWED = {
    "bpo/core/services.py": "notify()'s own immediate e-mail",
    "bpo/core/digest.py": "the daily digest of notify()'s notifications",
    "bpo/accounts/services.py": "the invitation to set a password: a one-off answer to an administrator's action",
}
# Only the mechanism writes notifications.
NOTIFICATION_ALLOWED = {"bpo/core/services.py", "bpo/core/digest.py", "bpo/core/tasks.py", "bpo/core/models.py"}


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if "/migrations/" in rel:
                continue
            yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)


def _called_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def test_no_module_sends_email_or_writes_notifications_itself():
    mail_senders, notification_writers = [], []
    for rel, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _called_name(node)
                if name in MAIL_CALLS and rel not in MAIL_ALLOWED:
                    mail_senders.append(f"{rel}:{node.lineno} {name}")
                func = node.func
                writes = (
                    isinstance(func, ast.Attribute)
                    and func.attr in {"create", "get_or_create", "bulk_create", "update_or_create"}
                    and isinstance(func.value, ast.Attribute)
                    and isinstance(func.value.value, ast.Name)
                    and func.value.value.id == "Notification"
                )
                if (writes or name == "Notification") and rel not in NOTIFICATION_ALLOWED:
                    notification_writers.append(f"{rel}:{node.lineno}")
    assert not mail_senders, f"send e-mail through bpo.core.services.notify(): {mail_senders}"
    assert not notification_writers, f"create notifications through notify(): {notification_writers}"


def test_every_notify_call_names_an_event_key():
    missing = []
    for rel, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called_name(node) == "notify":
                keywords = {k.arg for k in node.keywords}
                if "event_key" not in keywords and None not in keywords:  # None: **kwargs passed on
                    missing.append(f"{rel}:{node.lineno}")
    assert not missing, missing


def _scheduled_tasks():
    from bpo.celery import app, build_schedule

    app.loader.import_default_modules()
    return {name: app.tasks[entry["task"]] for name, entry in build_schedule().items()}


def test_every_scheduled_job_is_a_registered_task():
    tasks = _scheduled_tasks()
    assert {"notification-daily-digests", "contract-reminders", "risk-remind-overdue-actions"} <= set(tasks)


def _run_all(tasks, capture):
    with capture(execute=True):
        for _name, task in sorted(tasks.items()):
            task.apply()


def _due_world(cast):
    """Something due for each reminder: a notice deadline in 50 days, an obligation due in 3,
    a risk review overdue, a drill in 2 days, a corrective action 2 days late, a certification
    expiring in 10 days, a meeting action item 2 days late, a contract past its end date."""
    from contracts.models import Obligation
    from risk.models import ContingencyPlan, CorrectiveAction, Drill, Risk
    from tests.contracts.factories import ContractFactory
    from vendors.models import VendorCertification

    today = timezone.localdate()
    contract = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        number="DUE-1",
        status="active",
        terms_version=1,
        end_date=today + timedelta(days=100),
        notice_period_days=50,
    )
    Obligation.objects.create(
        contract=contract,
        party="vendor",
        category="reporting",
        title="Monthly report",
        due_date=today + timedelta(days=3),
        owner=cast.manager,
        status="open",
    )
    risk = Risk.objects.create(
        program=cast.program_a,
        title="Attrition",
        category="operational",
        event="e",
        owner=cast.contributor,
        next_review_date=today - timedelta(days=1),
    )
    plan = ContingencyPlan.objects.create(
        program=cast.program_a, risk=risk, title="Outage", scenario="s", triggers="t", owner=cast.contributor
    )
    Drill.objects.create(plan=plan, title="Failover", scheduled_for=today + timedelta(days=2))
    CorrectiveAction.objects.create(
        program=cast.program_a,
        source="risk_review",
        risk=risk,
        title="Hire",
        problem="p",
        owner=cast.contributor,
        due_date=today - timedelta(days=2),
        status="open",
    )
    VendorCertification.objects.create(vendor=cast.vendor_x, name="ISO 27001", expires_on=today + timedelta(days=10))
    # delivery: a meeting action item two days late (reminded once a day)
    from delivery.models import ActionItem, Meeting

    meeting = Meeting.objects.create(
        program=cast.program_a, kind="weekly_ops", title="Ops", starts_at=timezone.now(), created_by=cast.manager
    )
    ActionItem.objects.create(
        meeting=meeting,
        program=cast.program_a,
        title="Send the staffing plan",
        owner=cast.contributor,
        due_date=today - timedelta(days=2),
        status="open",
    )
    # contracts: a contract past its end date (expired by the end-of-term job, once)
    ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        number="DUE-2",
        status="active",
        terms_version=1,
        start_date=today - timedelta(days=400),
        end_date=today - timedelta(days=1),
        auto_renewal=False,
    )


def _run_twice(tasks, capture):
    before = set(Notification.objects.values_list("pk", flat=True))
    mail.outbox.clear()
    _run_all(tasks, capture)
    first = Notification.objects.exclude(pk__in=before)
    sent = len(mail.outbox)
    emailed = first.filter(email_mode=EmailMode.IMMEDIATE, recipient__email__gt="").count()
    assert sent == emailed, "every e-mail of a job is one of notify()'s notifications"
    created = first.count()
    categories = set(first.values_list("category", flat=True))
    _run_all(tasks, capture)
    assert Notification.objects.count() == len(before) + created, "a second run notified again"
    assert len(mail.outbox) == sent, "a second run e-mailed again"
    return created, categories


def test_every_scheduled_job_twice_notifies_and_emails_once(cast, django_capture_on_commit_callbacks):
    _due_world(cast)
    created, categories = _run_twice(_scheduled_tasks(), django_capture_on_commit_callbacks)
    assert created >= 8
    assert {"contracts", "risk", "vendors", "actions"} <= categories


def test_the_jobs_twice_over_the_demo_data_notify_once(db, django_capture_on_commit_callbacks):
    call_command("load_demo", stdout=StringIO())
    _run_twice(_scheduled_tasks(), django_capture_on_commit_callbacks)


def test_a_digest_user_gets_the_reminders_once_in_one_digest(cast, django_capture_on_commit_callbacks):
    from bpo.accounts.choices import NotificationCategory
    from bpo.accounts.models import NotificationPreference
    from bpo.core.digest import send_daily_digests

    for category in NotificationCategory.values:
        NotificationPreference.objects.create(user=cast.manager, category=category, delivery="digest")
    _due_world(cast)
    # The reminder jobs, without the digest job itself: run at the real time of day, it would
    # send today's digest already when the test runs after DIGEST_HOUR.
    tasks = {name: task for name, task in _scheduled_tasks().items() if name != "notification-daily-digests"}
    _run_all(tasks, django_capture_on_commit_callbacks)
    _run_all(tasks, django_capture_on_commit_callbacks)
    assert not [m.subject for m in mail.outbox if m.to == [cast.manager.email]]
    later = timezone.now() + timedelta(days=1)
    later = later.replace(hour=12)
    assert send_daily_digests(now=later) >= 1
    assert send_daily_digests(now=later) == 0
    digests = [m for m in mail.outbox if m.to == [cast.manager.email]]
    assert len(digests) == 1 and "Contracts and obligations" in digests[0].body
