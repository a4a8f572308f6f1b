"""Builds a realistic bilingual demo. Idempotent: running it again changes nothing and duplicates nothing."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import ProgramRole, Role
from bpo.accounts.models import ProgramMembership, User
from bpo.core.demo_lifecycle import load_charters, load_contracts, load_gates, load_risks
from bpo.core.services import notify
from delivery.demo_engagement import load_engagement
from delivery.demo_plan import load_plan
from strategy.models import Program
from vendors.models import Vendor

DEMO_PASSWORD = "Demo-Pass-2026!"

VENDORS = [
    dict(
        name="Apex Contact Solutions Ltd.",
        local_name="艾派克斯联络解决方案有限公司",
        country="Philippines",
        registration_number="PH-CS-2011-0042",
        tier="strategic",
        status="active",
        website="https://apex.example",
        capabilities="Omnichannel customer service (voice, chat, e-mail) in English and Mandarin; 24x7 operations.",
    ),
    dict(
        name="Huaxin Business Services Co., Ltd.",
        local_name="华信商务服务有限公司",
        country="China",
        registration_number="91310000MA1FL0X12Q",
        tier="strategic",
        status="approved",
        website="https://huaxin.example",
        capabilities="财务共享服务：应付账款、发票处理、费用报销审核。Accounts payable and invoice processing.",
    ),
    dict(
        name="Nordic Ledger Services AB",
        local_name="",
        country="Sweden",
        registration_number="556677-8899",
        tier="tactical",
        status="qualified",
        capabilities="Invoice capture, OCR validation, vendor master data.",
    ),
    dict(
        name="Manila BPO Partners Inc.",
        local_name="马尼拉业务外包伙伴公司",
        country="Philippines",
        registration_number="PH-2015-7781",
        tier="operational",
        status="prospect",
        capabilities="Back-office data entry and customer e-mail handling.",
    ),
    dict(
        name="Shenzhen Dataway Finance Outsourcing Co., Ltd.",
        local_name="深圳数途财务外包有限公司",
        country="China",
        registration_number="91440300MA5G2R7K3L",
        tier="tactical",
        status="suspended",
        capabilities="发票录入与核对；供应商对账。Invoice entry and supplier reconciliation.",
    ),
]

PROGRAMS = [
    dict(
        code="CS-2026",
        name="Customer service outsourcing · 客户服务外包",
        business_unit="Customer Operations 客户运营部",
        phase="steady_state",
        status="draft",
        start_date=date(2026, 1, 1),
        end_date=date(2028, 12, 31),
        currency="USD",
        time_zone="Asia/Manila",
        baseline_cost=Decimal("4800000.00"),
        target_savings_pct=Decimal("22.50"),
        description="Move first- and second-line customer service (voice, chat, e-mail) to a provider, "
        "keeping CSAT >= 85%.\n将一线和二线客户服务（电话、在线聊天、电子邮件）外包，客户满意度保持在85%以上。",
    ),
    dict(
        code="AP-2026",
        name="Invoice processing outsourcing · 发票处理外包",
        business_unit="Finance Shared Services 财务共享中心",
        phase="sourcing",
        status="draft",
        start_date=date(2026, 4, 1),
        end_date=date(2029, 3, 31),
        currency="CNY",
        time_zone="Asia/Shanghai",
        baseline_cost=Decimal("12500000.00"),
        target_savings_pct=Decimal("30.00"),
        description="Outsource supplier invoice capture, three-way matching and exception handling.\n"
        "外包供应商发票采集、三单匹配和异常处理。",
    ),
]

# username: (first, last, role, vendor name or None, language, {program code: program role})
USERS = {
    "admin": ("Ada", "Admin", Role.ADMIN, None, "en", {}),
    "pm": ("Paula", "Manager", Role.MEMBER, None, "en", {"CS-2026": ProgramRole.MANAGER}),
    "contributor": ("Chen", "Wei 陈伟", Role.MEMBER, None, "zh-hans", {"CS-2026": ProgramRole.CONTRIBUTOR}),
    "evaluator": (
        "Emil",
        "Evaluator",
        Role.MEMBER,
        None,
        "en",
        # CS-2026: he scored its RFP; an assignment counts only while its evaluator is a member.
        {"CS-2026": ProgramRole.EVALUATOR, "AP-2026": ProgramRole.EVALUATOR},
    ),
    "viewer": ("Vera", "Viewer", Role.MEMBER, None, "en", {"CS-2026": ProgramRole.VIEWER}),
    "pm2": ("Li", "Na 李娜", Role.MEMBER, None, "zh-hans", {"AP-2026": ProgramRole.MANAGER}),
    "finance": ("Frank", "Finance", Role.FINANCE, None, "en", {}),
    "legal": ("Laura", "Legal", Role.LEGAL, None, "en", {}),
    "exec": ("Eva", "Executive", Role.EXECUTIVE, None, "en", {}),
    "apex.admin": ("Ramon", "Cruz", Role.VENDOR_ADMIN, "Apex Contact Solutions Ltd.", "en", {}),
    "apex.agent": ("Maria", "Santos", Role.VENDOR_CONTRIBUTOR, "Apex Contact Solutions Ltd.", "en", {}),
    "huaxin.admin": (
        "Zhang",
        "Min 张敏",
        Role.VENDOR_ADMIN,
        "Huaxin Business Services Co., Ltd.",
        "zh-hans",
        {},
    ),
}


class Command(BaseCommand):
    help = "Load the bilingual demo data set (programs, vendors, a user for every role). Safe to run again."

    def handle(self, *args, **options):
        if not settings.BPO_DEMO_ALLOWED:
            raise CommandError(
                "load_demo creates users with published passwords and refuses to run with production settings "
                "(DJANGO_DEBUG is off and BPO_DEMO_ALLOWED is not set)."
            )
        # The demo's own events become in-app notifications; their e-mails are not sent.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            with transaction.atomic():
                created = self._load()
        self.stdout.write(self.style.SUCCESS(f"Demo ready ({created} new records)."))
        self.stdout.write(
            f"Sign in at {settings.SITE_URL}/accounts/login/ (staff) or /portal/login/ (vendors), "
            f"password for every demo user: {DEMO_PASSWORD}"
        )
        for username, (_first, _last, role, vendor, _lang, progs) in USERS.items():
            where = ", ".join(f"{c} {r.label}" for c, r in progs.items()) or (vendor or "")
            self.stdout.write(f"  {username:<14} {Role(role).label:<22} {where}")

    def _load(self) -> int:
        created = 0
        vendors = {}
        for data in VENDORS:
            vendor, new = Vendor.objects.get_or_create(name=data["name"], defaults=data)
            vendors[vendor.name], created = vendor, created + new
        programs = {}
        for data in PROGRAMS:
            program, new = Program.objects.get_or_create(code=data["code"], defaults=data)
            programs[program.code], created = program, created + new
        for username, (first, last, role, vendor, lang, progs) in USERS.items():
            user, new = User.objects.get_or_create(
                username=username,
                defaults=dict(
                    first_name=first,
                    last_name=last,
                    role=role,
                    vendor=vendors.get(vendor),
                    language=lang,
                    email=f"{username}@demo.bpo.local",
                    is_staff=role == Role.ADMIN,
                    is_superuser=role == Role.ADMIN,
                ),
            )
            if new:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                created += 1
            for code, prole in progs.items():
                _m, new = ProgramMembership.objects.get_or_create(
                    user=user, program=programs[code], defaults={"role": prole}
                )
                created += new
        # The executive sponsors both programs: they approve the charters and the awards (AP-2026's
        # submitted charter waits for them).
        sponsor = User.objects.get(username="exec")
        for program in programs.values():
            if program.sponsor_id is None:
                program.sponsor = sponsor
                program.save(update_fields=["sponsor"])
        users = {u.username: u for u in User.objects.filter(username__in=USERS)}
        created += load_charters(users=users, programs=programs)
        created += load_contracts(users=users, programs=programs, vendors=vendors)
        created += load_risks(users=users, programs=programs, vendors=vendors)
        from performance.quality.demo import load_quality  # standards, audits, reviews, corrective actions

        created += load_quality(users=users, programs=programs, vendors=vendors)
        created += load_plan(users=users, programs=programs)
        from performance.improvement.demo import load_improvement  # lessons learned, improvement initiatives

        created += load_improvement(users=users, programs=programs)
        from performance.insight.demo import load_scorecards  # published scorecards for the performance pages

        created += load_scorecards(users=users, programs=programs)
        created += load_engagement(users=users, programs=programs)
        from vendors.demo import load_sourcing  # CS-2026's awarded RFP and AP-2026's open one

        created += load_sourcing(users=users, programs=programs, vendors=vendors)
        from delivery.demo_cost import load_cost  # Apex's monthly invoices, two approved, one waiting

        created += load_cost(users=users, programs=programs)
        # Last, once the award, the contract and the transition checklist exist: each program
        # reaches its phase through its gates, in order.
        created += load_gates(users=users, programs=programs)
        from bpo.reports.demo import load_holidays  # China's holidays that move the first working day

        created += load_holidays()
        notify(
            recipients=User.objects.filter(username__in=["pm", "pm2", "contributor"]),
            event_key="demo:welcome",
            title=_("Welcome to the BPO Program Office"),
            body=_("Your programs are on your home page. Switch language at the top right."),
            url="/",
            email=False,
        )
        return created
