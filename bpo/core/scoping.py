"""The access rules' one statement of who reads what across every program, and a shortcut for it.

Who reads across programs (DOMAIN, "finance, legal and executives read across programs within
their role"), by the part of a program read:

- CONTENT, everything of a program (its charter, plan, risks, measurements, scorecards, quality,
  meetings, ...): administrators and executives. Everyone else, finance and legal included, reads
  it only as a member with a reading program role (or the sponsor), as program staff do.
- MONEY (budget lines, invoices, cost entries, service-level periods, results and credits): also
  finance.
- CONTRACTS (the contract and its versions, documents, rate card, service levels, obligations,
  change requests and disputes): also finance (who records the financial review) and legal.

The program itself (the list, its name and header) is read by all of them
(strategy.querysets.ProgramQuerySet.visible_to); `ProgramQuerySet.reading(user, part)` gives the
programs whose `part` a user reads, and each queryset family names its part.

The querysets' `visible_to` restrict a list to the records under the programs or contracts the
user may read, as `<path>__in=<subquery>`. For a user who reads a part of every program that
subquery is every row, and PostgreSQL still has to join it: counting 200,000 tasks through
`program_id IN (SELECT id FROM program)` costs several times a plain count. `scoped` leaves the
filter out in that case, when every step of the path is a required foreign key (so no row
could have been excluded by it); otherwise it filters as before.
"""

from functools import cache

CONTENT, MONEY, CONTRACTS = "content", "money", "contracts"


def _staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and not user.is_vendor_user)


def roles_reading_all(part: str = CONTENT) -> tuple:
    """The global roles that read `part` (CONTENT, MONEY or CONTRACTS) of every program (a
    superuser reads everything as an administrator)."""
    from bpo.accounts.choices import Role

    roles = (Role.ADMIN, Role.EXECUTIVE)
    if part == MONEY:
        return (*roles, Role.FINANCE)
    if part == CONTRACTS:
        return (*roles, Role.FINANCE, Role.LEGAL)
    return roles


def reads_all(user, part: str = CONTENT) -> bool:
    """Whether an active staff user reads `part` (CONTENT, MONEY or CONTRACTS) of every program."""
    return _staff(user) and (user.is_administrator or user.role in roles_reading_all(part))


def reads_all_program_content(user) -> bool:
    """Administrators and executives: every record of every program."""
    return reads_all(user, CONTENT)


def reads_all_program_money(user) -> bool:
    """Administrators, executives and finance: every program's budgets, invoices, costs and credits."""
    return reads_all(user, MONEY)


def reads_all_contracts(user) -> bool:
    """Administrators, executives, finance and legal: every program's contracts."""
    return reads_all(user, CONTRACTS)


@cache
def _required(model, path: str) -> bool:
    """True when every foreign key along `path` (e.g. "period__contract") is NOT NULL."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if not field.many_to_one or field.null:
            return False
        model = field.related_model
    return True


def scoped(qs, user, path: str, parents, part: str = CONTENT):
    """`qs` restricted to rows whose `path` is in `parents` (a queryset, usually of ids), or all of
    `qs` for a user who reads `part` of every program when nothing along `path` can be empty."""
    if reads_all(user, part) and _required(qs.model, path):
        return qs.all()
    return qs.filter(**{f"{path}__in": parents})
