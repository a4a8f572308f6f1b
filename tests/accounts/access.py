"""Access matrix entries of the program-membership API (merged by tests/test_access_matrix.py)."""

from bpo.accounts.models import ProgramMembership
from tests.access import NOT_READERS_OF_A, PROGRAM_READERS_OF_A, expect, only
from tests.factories import UserFactory


def _viewer_membership(c):
    return {"pk": ProgramMembership.objects.get(program=c.program_a, user=c.viewer).pk}


def _fresh_membership(c):
    """A member of program A of their own for each role's write (a DELETE that works removes it)."""
    return {"pk": ProgramMembership.objects.create(program=c.program_a, user=UserFactory(), role="viewer").pk}


# Team changes: administrators and program A's managers; readers of A who do not manage it 403;
# who does not read A 404 (as if it did not exist); vendor users 403; anonymous 401.
TEAM_WRITERS = only(["admin", "manager"], anon=401, **NOT_READERS_OF_A)

EXPECT = {
    # Staff read the teams of the programs they read; vendor users none.
    "program-membership-list": (None, expect(401, 200, 403)),
    "program-membership-detail": (
        _viewer_membership,
        only(PROGRAM_READERS_OF_A, anon=401, **NOT_READERS_OF_A),
    ),
}

WRITES = {
    "program-membership-detail": (
        _fresh_membership,
        {
            "PATCH": ({"role": "contributor"}, TEAM_WRITERS),
            "DELETE": (None, {**TEAM_WRITERS, "admin": 204, "manager": 204}),
        },
    ),
}
