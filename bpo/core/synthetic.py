"""A deterministic synthetic data set for benchmarks and load tests (``manage.py generate_data``).

Everything is created set-based: ``bulk_create`` in batches, and on PostgreSQL the service-level
samples with one ``INSERT ... SELECT`` over ``generate_series`` (10,000,000 rows at large scale)
instead of rows sent from Python. The same scale always gives the same rows (a seeded random
generator, no clock): codes start with ``SYN-`` and users with ``syn-``, so the set sits next to
other data and is refused a second time.

Users (no password: the benchmark signs them in with a session): ``syn-admin`` (administrator),
``syn-pm-<n>`` (manager of program n), ``syn-vendor-<n>`` (vendor admin of vendor n).
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.apps import apps
from django.db import connection, transaction

BATCH = 5_000
YEAR = 2026


@dataclass(frozen=True)
class Scale:
    """How many rows of each kind."""

    programs: int
    vendors: int
    contracts: int
    events: int
    proposals_per_event: int
    tasks: int
    risks: int
    invoices: int
    samples: int
    service_levels_per_contract: int = 4


SCALES = {
    "small": Scale(
        programs=5, vendors=20, contracts=40, events=10, proposals_per_event=5, tasks=500, risks=100, invoices=200,
        samples=20_000,
    ),
    "large": Scale(
        programs=200, vendors=2_000, contracts=10_000, events=2_000, proposals_per_event=10, tasks=200_000,
        risks=50_000, invoices=100_000, samples=10_000_000,
    ),
}  # fmt: skip


def _bulk(model, rows):
    """bulk_create in batches; returns the saved objects (with ids on PostgreSQL and SQLite)."""
    saved = []
    for start in range(0, len(rows), BATCH):
        saved.extend(model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH))
    return saved


def _ids(model, **filters):
    return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True))


def exists() -> bool:
    from strategy.models import Program

    return Program.objects.filter(code__startswith="SYN-").exists()


def generate(scale_name: str, *, seed: int = 2026, log=print) -> dict:
    """Creates the data set ``scale_name`` (see SCALES); returns the number of rows per kind."""
    scale = SCALES[scale_name]
    rng = random.Random(seed)
    counts = {}
    with transaction.atomic():
        users, programs = _people_and_programs(scale, rng, counts)
        log(f"programs {counts['programs']}, users {counts['users']}")
        vendors = _vendors(scale, rng, users, counts)
        log(f"vendors {counts['vendors']}")
        contracts = _contracts(scale, rng, programs, vendors, counts)
        log(f"contracts {counts['contracts']}, service levels {counts['service_levels']}")
        _sourcing(scale, rng, programs, vendors, users, counts)
        log(f"sourcing events {counts['sourcing_events']}, proposals {counts['proposals']}")
        _risks(scale, rng, programs, counts)
        log(f"risks {counts['risks']}")
        _invoices(scale, rng, contracts, users, counts)
        log(f"invoices {counts['invoices']}")
        _tasks(scale, rng, programs, counts)
        log(f"tasks {counts['tasks']}")
        # The programs were bulk-created (no signals): their burn stamps, so the home page keeps
        # their budget burn like any program's (delivery/burn_cache.py).
        from delivery.burn_cache import create_stamps

        create_stamps(programs)
    with transaction.atomic():
        _samples(scale, contracts, counts)
        log(f"samples {counts['samples']}")
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Statistics for the planner, and the visibility map that lets counts use index-only
        # scans: what autovacuum would do some minutes after a bulk load in production.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return counts


def _people_and_programs(scale, rng, counts):
    from bpo.accounts.choices import ProgramRole, Role
    from bpo.accounts.models import ProgramMembership, User
    from strategy.models import Program

    admin = User(username="syn-admin", first_name="Synthetic", last_name="Admin", role=Role.ADMIN, is_staff=True)
    admin.set_unusable_password()
    managers = [
        User(username=f"syn-pm-{n}", first_name="Manager", last_name=str(n), role=Role.MEMBER)
        for n in range(1, scale.programs + 1)
    ]
    for user in managers:
        user.set_unusable_password()
    _bulk(User, [admin, *managers])
    units = ["Customer Operations", "Finance Operations", "HR Services", "IT Service Desk", "Procurement"]
    programs = _bulk(
        Program,
        [
            Program(
                code=f"SYN-P{n:04d}",
                name=f"Synthetic program {n}",
                business_unit=units[n % len(units)],
                phase=rng.choice(["strategy", "sourcing", "contracting", "transition", "steady_state"]),
                start_date=date(YEAR - 1, 1 + n % 12, 1),
                end_date=date(YEAR + 2, 12, 31),
                currency="CNY",
                time_zone="Asia/Shanghai",
                owner_id=None,
            )
            for n in range(1, scale.programs + 1)
        ],
    )
    programs = _ids(Program, code__startswith="SYN-")
    manager_ids = _ids(User, username__startswith="syn-pm-")
    by_name = dict(User.objects.filter(username__startswith="syn-pm-").values_list("username", "pk"))
    _bulk(
        ProgramMembership,
        [
            ProgramMembership(user_id=by_name[f"syn-pm-{n}"], program_id=pk, role=ProgramRole.MANAGER)
            for n, pk in enumerate(programs, start=1)
        ],
    )
    counts["programs"], counts["users"] = len(programs), 1 + len(manager_ids)
    return {"admin": User.objects.get(username="syn-admin").pk, "managers": manager_ids}, programs


def _vendors(scale, rng, users, counts):
    from bpo.accounts.choices import Role
    from bpo.accounts.models import User
    from vendors.models import Vendor

    countries = ["China", "Philippines", "India", "Malaysia", "Vietnam", "Poland"]
    _bulk(
        Vendor,
        [
            Vendor(
                name=f"SYN Vendor {n:05d} Ltd.",
                local_name=f"合成供应商{n}",
                country=countries[n % len(countries)],
                capabilities="Contact centre, back office, finance and accounting",
            )
            for n in range(1, scale.vendors + 1)
        ],
    )
    vendors = _ids(Vendor, name__startswith="SYN Vendor ")
    vendor_users = []
    for n, pk in enumerate(vendors[:10], start=1):
        user = User(username=f"syn-vendor-{n}", first_name="Vendor", last_name=str(n), role=Role.VENDOR_ADMIN)
        user.vendor_id = pk
        user.set_unusable_password()
        vendor_users.append(user)
    _bulk(User, vendor_users)
    counts["vendors"] = len(vendors)
    counts["users"] += len(vendor_users)
    return vendors


def _contracts(scale, rng, programs, vendors, counts):
    from contracts.models import Contract, ServiceLevel

    rows = []
    for n in range(scale.contracts):
        rows.append(
            Contract(
                program_id=programs[n % len(programs)],
                vendor_id=vendors[n % len(vendors)],
                number=f"SYN-C{n + 1:06d}",
                title=f"Synthetic services agreement {n + 1}",
                status="active",
                start_date=date(YEAR - 1, 1, 1),
                end_date=date(YEAR + 1, 12, 31),
                currency="CNY",
                monthly_fee=Decimal(rng.randrange(20_000, 500_000)),
                at_risk_pct=Decimal("10"),
                terms_version=1,
            )
        )
    _bulk(Contract, rows)
    contracts = _ids(Contract, number__startswith="SYN-C")
    levels = []
    for pk in contracts:
        for i in range(scale.service_levels_per_contract):
            measure = ("percent_within", "average", "max", "count")[i % 4]
            levels.append(
                ServiceLevel(
                    contract_id=pk,
                    code=f"SL{i + 1}",
                    name=f"Service level {i + 1}",
                    measure=measure,
                    threshold=Decimal("20") if measure == "percent_within" else None,
                    direction="higher",
                    expected=Decimal("80"),
                    minimum=Decimal("70"),
                    allocation_pct=Decimal("20"),
                    min_samples=1,
                )
            )
    _bulk(ServiceLevel, levels)
    counts["contracts"], counts["service_levels"] = len(contracts), len(levels)
    return contracts


def _sourcing(scale, rng, programs, vendors, users, counts):
    from vendors.models import Proposal, SourcingEvent

    start = datetime(YEAR, 1, 10, 9, tzinfo=UTC)
    _bulk(
        SourcingEvent,
        [
            SourcingEvent(
                program_id=programs[n % len(programs)],
                kind=("rfi", "rfp", "tender")[n % 3],
                title=f"SYN sourcing event {n + 1}",
                status="published",
                published_at=start + timedelta(days=n % 200),
                questions_deadline=start + timedelta(days=n % 200 + 10),
                submission_deadline=start + timedelta(days=n % 200 + 20),
                created_by_id=users["admin"],
            )
            for n in range(scale.events)
        ],
    )
    events = _ids(SourcingEvent, title__startswith="SYN sourcing event ")
    proposals = []
    for n, event in enumerate(events):
        first = (n * scale.proposals_per_event) % len(vendors)
        for k in range(scale.proposals_per_event):
            proposals.append(
                Proposal(
                    event_id=event,
                    vendor_id=vendors[(first + k) % len(vendors)],
                    status="submitted",
                    price=Decimal(rng.randrange(100_000, 5_000_000)),
                    answers="We comply with every requirement.",
                    revision=1,
                    submitted_at=start + timedelta(days=n % 200 + 15),
                )
            )
    _bulk(Proposal, proposals)
    counts["sourcing_events"], counts["proposals"] = len(events), len(proposals)


def _level(score):
    return "low" if score <= 4 else "medium" if score <= 9 else "high" if score <= 16 else "critical"


def _risks(scale, rng, programs, counts):
    from risk.models import Risk

    categories = ["operational", "financial", "legal", "data", "vendor_dependency", "reputational"]
    rows = []
    for n in range(scale.risks):
        il, ii = rng.randint(1, 5), rng.randint(1, 5)
        rl, ri = max(1, il - rng.randint(0, 2)), max(1, ii - rng.randint(0, 2))
        rows.append(
            Risk(
                program_id=programs[n % len(programs)],
                title=f"SYN risk {n + 1}",
                category=categories[n % len(categories)],
                event="The vendor misses the service levels for two months in a row.",
                inherent_likelihood=il,
                inherent_impact=ii,
                inherent_score=il * ii,
                inherent_level=_level(il * ii),
                residual_likelihood=rl,
                residual_impact=ri,
                residual_score=rl * ri,
                residual_level=_level(rl * ri),
                next_review_date=date(YEAR, 1, 1) + timedelta(days=n % 365),
            )
        )
    _bulk(Risk, rows)
    counts["risks"] = len(rows)


def _invoices(scale, rng, contracts, users, counts):
    from django.utils import timezone

    from delivery.models import Invoice

    per_contract = max(1, scale.invoices // len(contracts))
    # 24 months ending with December of YEAR, or with this month when that is earlier: an invoice
    # is never for a month that has not started (delivery.invoicing).
    current = timezone.localdate()
    last = min(YEAR * 12 + 11, current.year * 12 + current.month - 1)
    rows = []
    for n in range(scale.invoices):
        contract = contracts[n % len(contracts)]
        month = (n // len(contracts)) % 24
        gross = Decimal(rng.randrange(20_000, 500_000))
        approved = month < 20
        index = last - 23 + month
        rows.append(
            Invoice(
                contract_id=contract,
                number=f"SYN-INV-{n + 1:07d}",
                period=date(index // 12, index % 12 + 1, 1),
                status="approved" if approved else "submitted",
                gross_amount=gross,
                deduction_amount=Decimal("0"),
                net_amount=gross,
                submitted_by_id=users["admin"],
            )
        )
    _bulk(Invoice, rows)
    counts["invoices"] = len(rows)
    counts["invoices_per_contract"] = per_contract


def _tasks(scale, rng, programs, counts):
    try:
        task_model = apps.get_model("delivery", "Task")
        package_model = apps.get_model("delivery", "WorkPackage")
    except LookupError:
        counts["tasks"] = 0
        return
    _bulk(package_model, [package_model(program_id=pk, name="SYN work package") for pk in programs])
    packages = dict(package_model.objects.filter(name="SYN work package").values_list("program_id", "pk"))
    rows = []
    for n in range(scale.tasks):
        program = programs[n % len(programs)]
        begin = date(YEAR, 1, 1) + timedelta(days=n % 300)
        rows.append(
            task_model(
                program_id=program,
                work_package_id=packages[program],
                name=f"SYN task {n + 1}",
                baseline_start=begin,
                baseline_finish=begin + timedelta(days=5 + n % 30),
                percent_complete=rng.randrange(0, 101, 10),
            )
        )
    _bulk(task_model, rows)
    counts["tasks"] = len(rows)


SAMPLES_SQL = """
INSERT INTO delivery_sample (service_level_id, measured_at, reference, value, excluded, exclusion_reason)
SELECT sl.id,
       %(start)s::timestamptz + ((n * 7919 + sl.id * 104729) %% %(span)s) * interval '1 second',
       'g' || n,
       round((((n * 48271 + sl.id * 16807) %% 100000) / 1000.0)::numeric, 4),
       (n %% 97 = 0),
       ''
FROM contracts_servicelevel sl
JOIN contracts_contract c ON c.id = sl.contract_id AND c.number LIKE 'SYN-C%%'
CROSS JOIN generate_series(1, %(per_level)s) AS n
"""


def _samples(scale, contracts, counts):
    """The measurements: on PostgreSQL in one INSERT ... SELECT (nothing goes through Python)."""
    from contracts.models import ServiceLevel
    from delivery.models import Sample

    levels = _ids(ServiceLevel, contract__number__startswith="SYN-C")
    per_level = max(1, scale.samples // len(levels))
    start = datetime(YEAR, 1, 1, tzinfo=UTC) - timedelta(hours=8)  # midnight in Shanghai
    span = 365 * 24 * 3600
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(SAMPLES_SQL, {"start": start, "span": span, "per_level": per_level})
            counts["samples"] = cursor.rowcount
        return
    rows = []
    for sl in levels:
        for n in range(1, per_level + 1):
            rows.append(
                Sample(
                    service_level_id=sl,
                    measured_at=start + timedelta(seconds=(n * 7919 + sl * 104729) % span),
                    reference=f"g{n}",
                    value=Decimal((n * 48271 + sl * 16807) % 100000) / 1000,
                    excluded=n % 97 == 0,
                )
            )
    _bulk(Sample, rows)
    counts["samples"] = len(rows)
