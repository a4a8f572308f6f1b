"""Creating a charter row through the API: whoever may not change the program gets 403 before the
body is read, as on the other endpoints, not a 400 listing what is wrong with what they sent."""

import pytest
from rest_framework.test import APIClient

ENDPOINTS = ["objectives", "scope-items", "budget-lines", "milestones", "stakeholders", "resources"]
READ_ONLY = ["contributor", "evaluator", "viewer", "finance", "legal", "executive"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", READ_ONLY)
def test_read_only_roles_get_403_for_an_invalid_body(cast, endpoint, role):
    api = APIClient()
    api.force_authenticate(getattr(cast, role))
    for body in ({}, {"program": cast.program_a.pk, "planned_amount": "not a number", "fte": "x"}):
        response = api.post(f"/api/v1/{endpoint}/", body, format="json")
        assert response.status_code == 403, (body, response.content)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_manager_of_another_program_gets_403_for_a_program_they_only_see(cast, endpoint):
    from bpo.accounts.choices import ProgramRole

    from ..factories import MembershipFactory

    MembershipFactory(user=cast.outsider, program=cast.program_a, role=ProgramRole.VIEWER)
    api = APIClient()
    api.force_authenticate(cast.outsider)
    response = api.post(f"/api/v1/{endpoint}/", {"program": cast.program_a.pk}, format="json")
    assert response.status_code == 403, response.content


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_manager_still_gets_the_validation_errors(cast, endpoint):
    api = APIClient()
    api.force_authenticate(cast.manager)
    response = api.post(f"/api/v1/{endpoint}/", {"program": cast.program_a.pk}, format="json")
    assert response.status_code == 400, response.content
