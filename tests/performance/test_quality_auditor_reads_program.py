"""A quality audit's auditor may see the audit's program (its standard's), as a review's reviewer
(risk.selectors.may_see_program). An evaluator-only member of program A, or a manager of program B
only, reads none of it: not offered, refused next to the field on the page (what was typed kept)
and with 400 on `auditor` through the API, nothing saved. An older audit keeps its auditor on
other changes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from performance.quality import services
from performance.quality.forms import AuditForm
from performance.quality.models import QualityAudit
from tests.contracts.factories import contract_of_a

from .quality_helpers import audit, standard

pytestmark = pytest.mark.django_db

REFUSED = "Choose someone who may see this audit's program."


def test_the_services_refuse_an_auditor_who_cannot_see_the_program(cast):
    std = standard(cast)
    with pytest.raises(ValidationError) as exc:
        audit(cast, std, auditor=cast.evaluator)
    assert exc.value.message_dict == {"auditor": [REFUSED]}
    assert not QualityAudit.objects.exists()
    a = audit(cast, std, auditor=cast.contributor)
    with pytest.raises(ValidationError) as exc:
        services.audit_update(audit=a, by=cast.manager, auditor=cast.outsider)
    assert exc.value.message_dict == {"auditor": [REFUSED]}
    a.refresh_from_db()
    assert a.auditor == cast.contributor
    assert services.audit_update(audit=a, by=cast.manager, auditor=cast.viewer).auditor == cast.viewer
    # An older audit keeps its auditor (given before the rule) on other changes.
    QualityAudit.objects.filter(pk=a.pk).update(auditor=cast.evaluator)
    saved = services.audit_update(audit=a, by=cast.manager, findings="Recounted")
    assert saved.findings == "Recounted" and saved.auditor == cast.evaluator


def test_the_form_offers_only_staff_who_see_the_program(cast):
    std = standard(cast)
    offered = set(AuditForm(user=cast.manager).fields["auditor"].queryset)
    assert {cast.manager, cast.contributor, cast.viewer} <= offered
    assert cast.evaluator not in offered and cast.outsider not in offered
    a = audit(cast, std)
    QualityAudit.objects.filter(pk=a.pk).update(auditor=cast.evaluator)
    a.refresh_from_db()
    offered = set(AuditForm(instance=a, user=cast.manager).fields["auditor"].queryset)
    assert cast.evaluator in offered and cast.outsider not in offered  # the current one stays offered


def test_the_page_refuses_the_auditor_next_to_the_field_keeping_what_was_typed(cast, client):
    std = standard(cast)
    data = {
        "standard": std.pk,
        "contract": contract_of_a(cast).pk,
        "period_start": "2026-01-01",
        "period_end": "2026-01-31",
        "audited_on": "2026-02-03",
        "auditor": cast.outsider.pk,
        "sample_size": "400",
        "defects": "3",
        "findings": "Typed findings stay",
    }
    # An administrator edits every program: a manager of program B is offered, and refused for A.
    client.force_login(cast.admin)
    response = client.post(reverse("performance:quality_audit_create"), data)
    assert response.status_code in (200, 400)
    assert response.context["form"].errors == {"auditor": [REFUSED]}
    assert "Typed findings stay" in response.content.decode()
    assert not QualityAudit.objects.exists()
    # The evaluator-only member is not offered to the program's manager.
    client.force_login(cast.manager)
    response = client.post(reverse("performance:quality_audit_create"), {**data, "auditor": cast.evaluator.pk})
    assert response.status_code in (200, 400) and "auditor" in response.context["form"].errors
    assert not QualityAudit.objects.exists()


def test_the_api_answers_400_on_the_auditor(cast):
    std = standard(cast)
    a = audit(cast, std)
    api = APIClient()
    api.force_authenticate(cast.manager)
    response = api.patch(f"/api/v1/quality-audits/{a.pk}/", {"auditor": cast.evaluator.pk}, format="json")
    assert response.status_code == 400
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("auditor", REFUSED)]
    a.refresh_from_db()
    assert a.auditor == cast.contributor
    body = {
        "standard": std.pk,
        "contract": a.contract_id,
        "period_start": "2026-01-01",
        "period_end": "2026-01-31",
        "audited_on": "2026-02-03",
        "auditor": cast.evaluator.pk,
        "sample_size": 100,
        "defects": 0,
    }
    response = api.post("/api/v1/quality-audits/", body, format="json")
    assert response.status_code == 400
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("auditor", REFUSED)]
    assert QualityAudit.objects.count() == 1
