"""The demo's quality records: built through the services, once (a second run adds nothing)."""

from io import StringIO

from django.core.management import call_command

from performance.models import QualityAudit, QualityReview, QualityStandard
from risk.models import CorrectiveAction


def test_demo_quality_records_and_capa_are_built_once(db, settings):
    settings.BPO_DEMO_ALLOWED = True
    call_command("load_demo", stdout=StringIO())
    counts = (
        QualityStandard.objects.count(),
        QualityAudit.objects.count(),
        QualityReview.objects.count(),
        CorrectiveAction.objects.count(),
    )
    call_command("load_demo", stdout=StringIO())
    assert counts == (
        QualityStandard.objects.count(),
        QualityAudit.objects.count(),
        QualityReview.objects.count(),
        CorrectiveAction.objects.count(),
    )
    assert counts[:3] == (2, 5, 1)
    assert QualityAudit.objects.filter(outcome="fail").count() == 1
    audit_action = CorrectiveAction.objects.get(source="audit")
    assert (audit_action.status, audit_action.vendor.name) == ("in_progress", "Apex Contact Solutions Ltd.")
    assert CorrectiveAction.objects.filter(source="breach", status="proposed").exists()
    assert CorrectiveAction.objects.filter(source="quality_review", status="verified").count() == 1
    assert CorrectiveAction.objects.filter(source="complaint", status="open").count() == 1
