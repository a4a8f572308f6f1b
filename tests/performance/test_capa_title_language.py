"""A corrective action the system proposes (a breach, a failed audit) is titled by a background job
that has no reader: the title's kind and figures are stored and worded in the reader's language on
the pages, the portal, the export and the API. A title a user edits is kept as typed. Titles stored
in English before are read back into figures by the migration."""

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from performance.services import contract_run
from risk import services as risk_services
from risk.models import CorrectiveAction

from .helpers import at
from .quality_helpers import audit, standard
from .test_quality_services import _breaching_contract

pytestmark = pytest.mark.django_db

BREACH_EN, BREACH_ZH = "Breach of ACC in 2026-01", "ACC 在 2026-01 违约"
AUDIT_ZH_START = "未通过的审核 "


def _speak(user, language):
    user.language = language
    user.save(update_fields=["language"])


@pytest.fixture
def breach_action(cast):
    contract, _sl = _breaching_contract(cast)
    contract_run(contract_id=contract.pk, now=at(2026, 2, 10))  # January finalized: a breach
    return CorrectiveAction.objects.get(source="breach")


def test_a_breach_action_stores_its_titles_figures(breach_action):
    assert breach_action.title_values == {"kind": "breach", "code": "ACC", "period": "2026-01"}
    assert breach_action.display_title == BREACH_EN


def test_a_failed_audits_action_is_titled_in_the_readers_language(cast, client):
    std = standard(cast)
    failed = audit(cast, std, sample=100, defects=5)
    action = CorrectiveAction.objects.get(source="audit")
    assert action.title_values == {"kind": "audit", "ref": failed.reference, "process": "Invoice processing"}
    _speak(cast.manager, "zh-hans")
    client.force_login(cast.manager)
    page = client.get(action.get_absolute_url()).content.decode()
    assert f"{AUDIT_ZH_START}{failed.reference}：Invoice processing" in page and "Failed audit" not in page


def test_staff_pages_export_and_api_word_a_breach_title_in_the_readers_language(cast, client, breach_action):
    _speak(cast.manager, "zh-hans")
    client.force_login(cast.manager)
    assert BREACH_ZH in client.get(breach_action.get_absolute_url()).content.decode()
    listed = client.get(reverse("risk:action_list")).content.decode()
    assert BREACH_ZH in listed and BREACH_EN not in listed
    export = client.get(reverse("risk:action_list"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert BREACH_ZH in rows[1]
    api = client.get(f"/api/v1/corrective-actions/{breach_action.pk}/").json()
    assert api["title"] == BREACH_ZH
    _speak(cast.manager, "en")
    assert client.get(f"/api/v1/corrective-actions/{breach_action.pk}/").json()["title"] == BREACH_EN


def test_the_portal_words_a_breach_title_in_the_vendors_language(cast, client, breach_action):
    risk_services.action_update(action=breach_action, by=cast.manager, owner=cast.vendor_x_user)
    risk_services.action_transition(action=breach_action, to="open", by=cast.manager)
    _speak(cast.vendor_x_user, "zh-hans")
    client.force_login(cast.vendor_x_user)
    page = client.get(reverse("portal:capa_list")).content.decode()
    assert BREACH_ZH in page and BREACH_EN not in page
    detail = client.get(reverse("portal:capa_detail", args=[breach_action.pk])).content.decode()
    assert BREACH_ZH in detail


def _form(action, **changes):
    data = {
        "title": action.display_title,
        "problem": action.problem,
        "root_cause": "",
        "action_plan": "",
        "owner": "",
        "due_date": action.due_date.isoformat(),
    }
    return {**data, **changes}


def test_saving_the_form_unchanged_keeps_the_generated_title_and_an_edited_one_is_kept(cast, client, breach_action):
    _speak(cast.manager, "zh-hans")
    client.force_login(cast.manager)
    url = reverse("risk:action_update", args=[breach_action.pk])
    form_page = client.get(url).content.decode()
    assert f'value="{BREACH_ZH}"' in form_page
    client.post(url, _form(breach_action, title=BREACH_ZH, root_cause="Staffing"))
    breach_action.refresh_from_db()
    assert breach_action.root_cause == "Staffing" and breach_action.title_values["kind"] == "breach"
    with translation.override("en"):
        assert breach_action.display_title == BREACH_EN  # still worded in each reader's language
    client.post(url, _form(breach_action, title="ACC 违约：补充人手"))
    breach_action.refresh_from_db()
    assert (breach_action.title, breach_action.title_values) == ("ACC 违约：补充人手", {})
    assert breach_action.display_title == "ACC 违约：补充人手"


def test_the_migration_reads_stored_english_titles_back_into_figures(cast, breach_action):
    CorrectiveAction.objects.filter(pk=breach_action.pk).update(title_values={})
    failed = audit(cast, standard(cast), sample=100, defects=5)
    on_audit = CorrectiveAction.objects.get(source="audit")
    CorrectiveAction.objects.filter(pk=on_audit.pk).update(title_values={}, title="Audit follow-up (edited)")
    migration = importlib.import_module("risk.migrations.0006_correctiveaction_title_values")
    migration.titles_to_figures(apps, None)
    breach_action.refresh_from_db()
    on_audit.refresh_from_db()
    assert breach_action.title_values == {"kind": "breach", "code": "ACC", "period": "2026-01"}
    assert on_audit.title_values == {} and on_audit.display_title == "Audit follow-up (edited)"
    assert failed.reference


def test_a_generated_problem_is_worded_in_the_readers_language_with_the_findings_as_written(cast, client):
    failed = audit(cast, standard(cast), sample=100, defects=5, findings="Two invoices paid twice")
    action = CorrectiveAction.objects.get(source="audit")
    assert action.problem_values["kind"] == "audit" and action.problem_values["findings"] == "Two invoices paid twice"
    assert action.display_problem == action.problem  # English: as stored
    _speak(cast.manager, "zh-hans")
    client.force_login(cast.manager)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "缺陷率 5% 高于验收水平 0.5%（100 个样本中有 5 个缺陷" in page
    assert "Defect rate" not in page and "Two invoices paid twice" in page
    assert client.get(f"/api/v1/corrective-actions/{action.pk}/").json()["problem"].startswith("缺陷率 5%")
    assert failed.reference in client.get(f"/api/v1/corrective-actions/{action.pk}/").json()["title"]


def test_the_proposal_notification_reaches_a_chinese_manager_in_chinese(cast, django_capture_on_commit_callbacks):
    from bpo.core.models import Notification

    _speak(cast.manager, "zh-hans")
    contract, _sl = _breaching_contract(cast)
    with django_capture_on_commit_callbacks(execute=True):
        contract_run(contract_id=contract.pk, now=at(2026, 2, 10))
    note = Notification.objects.get(recipient=cast.manager, event_key__endswith=":proposed")
    assert note.title == f"建议的纠正措施：{BREACH_ZH}"
    assert note.body.startswith("ACC ") and "measured" not in note.body


def test_an_unchanged_problem_stays_generated_and_an_edited_one_is_kept(cast, client, breach_action):
    _speak(cast.manager, "zh-hans")
    client.force_login(cast.manager)
    url = reverse("risk:action_update", args=[breach_action.pk])
    with translation.override("zh-hans"):
        shown = breach_action.display_problem
    assert shown in client.get(url).content.decode()
    client.post(url, _form(breach_action, title=BREACH_ZH, problem=shown.replace("\n", "\r\n") + "\r\n"))
    breach_action.refresh_from_db()
    assert breach_action.problem_values["kind"] == "breach"
    client.post(url, _form(breach_action, title=BREACH_ZH, problem="人手不足"))
    breach_action.refresh_from_db()
    assert (breach_action.problem, breach_action.problem_values, breach_action.title_values["kind"]) == (
        "人手不足",
        {},
        "breach",
    )


def test_the_migration_reads_stored_english_problems_back_into_figures(cast, breach_action):
    audit(cast, standard(cast), sample=100, defects=5, findings="Line one\nLine two")
    on_audit = CorrectiveAction.objects.get(source="audit")
    expected = {a.pk: a.problem_values for a in (breach_action, on_audit)}
    CorrectiveAction.objects.update(problem_values={})
    migration = importlib.import_module("risk.migrations.0007_correctiveaction_problem_values")
    migration.problems_to_figures(apps, None)
    for action in CorrectiveAction.objects.all():
        assert action.problem_values == expected[action.pk]
