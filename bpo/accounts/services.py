"""Writes to users, memberships, vendor users and API tokens."""

import logging

from auditlog.context import set_actor
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from knox.models import AuthToken

from .choices import PROGRAM_READING_ROLES, VENDOR_ROLES, NotificationCategory, ProgramRole, Role
from .models import ProgramMembership, User

logger = logging.getLogger(__name__)

USER_FIELDS = ("username", "email", "first_name", "last_name", "role", "vendor", "language", "is_active")


def _sync_flags(user: User) -> None:
    # Administrators get Django's admin site too; nobody else does.
    user.is_staff = user.role == Role.ADMIN
    user.is_superuser = user.role == Role.ADMIN


def _require_admin(by) -> None:
    if not (by.is_authenticated and by.is_administrator):
        raise PermissionDenied


@transaction.atomic
def user_create(*, by, password: str | None = None, **data) -> User:
    """An administrator creates a staff or vendor user; without a password, the user is invited by e-mail."""
    _require_admin(by)
    user = User(**{k: v for k, v in data.items() if k in USER_FIELDS})
    _sync_flags(user)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    with set_actor(by):
        user.save()
    if not password:
        transaction.on_commit(lambda: _send_invitation(user.pk))
    return user


@transaction.atomic
def user_update(*, user: User, by, **data) -> User:
    """An administrator changes a user. Deactivating them, or a role (or vendor) that stops them
    reading programs where they own open records, is refused until those are reassigned
    (user_check_hand_over)."""
    _require_admin(by)
    # As stored, locked: a form may already have copied what was typed onto `user`.
    before = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == by.pk and (data.get("role", before.role) != before.role or data.get("is_active") is False):
        raise ValidationError({"role": _("You cannot change your own role or deactivate yourself.")})
    changed = [f for f, v in data.items() if f in USER_FIELDS and getattr(user, f) != v]
    for field in changed:
        setattr(user, field, data[field])
    if user.role in VENDOR_ROLES and user.memberships.exists():
        raise ValidationError({"role": _("Remove this user's program memberships before making them a vendor user.")})
    _sync_flags(user)
    user_check_hand_over(before=before, after=user)
    user.full_clean(exclude=["password"])
    with set_actor(by):
        user.save()
    if not user.is_active:
        AuthToken.objects.filter(user=user).delete()  # a deactivated user's API tokens stop working too
        if before.is_active:
            user.records_left = owner_deactivated(user)
    return user


def _can_manage_members(by, program) -> bool:
    from strategy.models import Program

    return Program.objects.editable_by(by).filter(pk=program.pk).exists()


@transaction.atomic
def membership_set(*, by, program, user: User, role: str) -> ProgramMembership:
    """Gives a staff user a role in a program (or changes it). Administrators and the program's managers may."""
    if not _can_manage_members(by, program):
        raise PermissionDenied
    if user.is_vendor_user:
        raise ValidationError({"user": _("Vendor users cannot be program members.")})
    if role not in ProgramRole.values:
        raise ValidationError({"role": _("Choose a valid program role.")})
    if role == ProgramRole.MANAGER and program.sponsor_id == user.pk:
        # As the program's form refuses a manager as sponsor (strategy.services.program).
        raise ValidationError(
            {"role": _("The sponsor approves the charter, so they cannot be one of the program's managers.")}
        )
    with set_actor(by):
        membership, created = ProgramMembership.objects.select_for_update().get_or_create(
            user=user, program=program, defaults={"role": role}
        )
        if not created and membership.role != role:
            _keep_a_manager(membership, new_role=role)
            _hand_over_first(membership, new_role=role, field="role")
            membership.role = role
            membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, by, membership: ProgramMembership) -> None:
    if not _can_manage_members(by, membership.program):
        raise PermissionDenied
    _keep_a_manager(membership, new_role=None)
    _hand_over_first(membership, new_role=None, field=None)
    with set_actor(by):
        membership.delete()


def _keep_a_manager(membership, *, new_role):
    """A program always keeps at least one manager."""
    if membership.role == ProgramRole.MANAGER and new_role != ProgramRole.MANAGER:
        others = ProgramMembership.objects.filter(program=membership.program, role=ProgramRole.MANAGER).exclude(
            pk=membership.pk
        )
        if not others.exists():
            raise ValidationError(_("A program needs at least one manager: name another manager first."))


class OpenRecordsRefusal(ValidationError):
    """A member who would stop reading the program still owns open records of it: `records`
    (bpo.accounts.open_records.OpenRecord) are listed, with links, next to the team page's form."""

    def __init__(self, message, *, field, records, html):
        super().__init__({field: [message]} if field else message, code="open_records")
        self.records = records
        self.field = field
        self.text = message
        self.html = html  # the same sentence, each record named a link to it


def _hand_over_first(membership, *, new_role, field):
    """Removing a member, or giving them a role that does not read the program (an evaluator),
    is refused while they own open records of it (tasks, requests, risks...): they were given them
    because they could see it (risk.selectors.may_see_program) and would keep them unseen. Someone
    who reads it anyway (a global reading role, its sponsor) is not held."""
    if membership.role not in PROGRAM_READING_ROLES or new_role in PROGRAM_READING_ROLES:
        return
    user, program = membership.user, membership.program
    from bpo.core.scoping import reads_all_program_content

    # Finance and legal read every program's money or contracts, not its other records: held too.
    if reads_all_program_content(user) or program.sponsor_id == user.pk:
        return
    from .open_records import open_records, refusal_message

    records = open_records(user, program)
    if records:
        raise OpenRecordsRefusal(
            refusal_message(user, program, records),
            field=field,
            records=records,
            html=refusal_message(user, program, records, html=True),
        )


def user_check_hand_over(*, before: User, after: User, ask_staff: bool = False) -> None:
    """Refuses a change of a user (`before` as stored, `after` as it would be saved) that stops
    them reading programs where they own open records (tasks, requests, risks, corrective actions,
    obligations... bpo.accounts.open_records): a vendor role for staff, another vendor, or a role
    that reads only their programs (a member) for someone who read every program. Deactivating
    them is not refused (locking out a departed or compromised account must never wait for a
    hand-over): owner_deactivated tells the managers of those programs instead.
    They were given those records because they could see them, and would keep them unseen with
    nobody following them up. Which programs' records `after` reads is Program.objects.reading's
    rule (finance and legal read other programs' money or contracts, not their records); one query per kind of record across every program. `ask_staff`: the refusal tells the reader
    (a vendor administrator, who cannot reassign) to ask the program staff.

    Nothing is checked for an inactive user (reactivated or edited: they read nothing before), for
    a change to a role reading every program, or one keeping what they read (the memberships of
    staff do not change here; a vendor's users read their vendor's records whatever their role)."""
    from bpo.core.scoping import reads_all_program_content

    if not before.is_active or not after.is_active or reads_all_program_content(after):
        return  # a deactivation is never refused: owner_deactivated tells the program managers
    same_reach = (
        after.is_active
        and not reads_all_program_content(before)
        and before.is_vendor_user == after.is_vendor_user
        and before.vendor_id == after.vendor_id
    )
    if same_reach:
        return
    from strategy.models import Program

    from .open_records import open_records_outside, refusal_message_across

    # An inactive or vendor user reads no program (Program.objects.reading): every program's records.
    still_reads = Program.objects.reading(after) if after.is_active and not after.is_vendor_user else None
    records = open_records_outside(before, still_reads)
    if not records:
        return
    if after.role != before.role:
        field = "role"
    else:
        field = "vendor"
    raise OpenRecordsRefusal(
        refusal_message_across(before, records, ask_staff=ask_staff),
        field=field,
        records=records,
        html=refusal_message_across(before, records, html=True, ask_staff=ask_staff),
    )


def records_left_message(user: User, records: list) -> str:
    """What the page tells whoever deactivated `user` who still owns `records`."""
    programs = ", ".join(dict.fromkeys(r.program for r in records))
    return ngettext(
        "%(name)s still owns %(count)d open record of %(programs)s; the program's managers were told to reassign it.",
        "%(name)s still owns %(count)d open records of %(programs)s; the programs' managers were told to "
        "reassign them.",
        len(records),
    ) % {"name": user.get_full_name() or user.username, "count": len(records), "programs": programs}


def owner_deactivated(user: User) -> list:
    """After `user` is deactivated: the open records they still own (bpo.accounts.open_records),
    the managers of each of those programs told to reassign them (one notification per program,
    once per deactivation). Returns the records, for the page to warn whoever deactivated them."""
    from django.utils import timezone

    from bpo.core.i18n import interpolate
    from bpo.core.services import absolute_link, notify
    from strategy.models import Program

    from .open_records import open_records_outside

    records = open_records_outside(user, None)
    if not records:
        return records
    name = user.get_full_name() or user.username
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    for program in Program.objects.filter(code__in={r.program for r in records}).order_by("pk"):
        mine = [r for r in records if r.program == program.code]
        managers = User.objects.filter(
            is_active=True, memberships__program=program, memberships__role=ProgramRole.MANAGER
        ).distinct()
        notify(
            recipients=managers,
            event_key=f"owner-deactivated-{user.pk}-{program.pk}-{stamp}",
            title=interpolate(
                gettext_lazy("%(name)s was deactivated and still owns %(count)s open records of %(program)s"),
                {"name": name, "count": len(mine), "program": program.code},
            ),
            # Full addresses, so an e-mail links them and the page shows them as links.
            body="\n".join(f"{r.kind}: {r.label} — {absolute_link(r.url)}" for r in mine),
            url=reverse("accounts:program_members", args=[program.pk]),  # the team, to reassign from
            category=NotificationCategory.PROGRAMS,
        )
    return records


# --- Vendor users, managed by their vendor's admin ----------------------------------------


def _require_vendor_admin(by) -> None:
    if not (by.is_authenticated and by.is_active and by.role == Role.VENDOR_ADMIN and by.vendor_id):
        raise PermissionDenied


@transaction.atomic
def vendor_user_invite(*, by, email: str, first_name: str, last_name: str, role: str) -> User | None:
    """A vendor admin invites a colleague: the account is created for the admin's own vendor and
    the colleague sets a password through the link in the invitation e-mail.

    An address already among the vendor's own users is refused plainly. An address of anyone
    else (staff, another vendor) gets no second account and the caller is not told: the answer is
    the same as for a new address (None instead of the user), and the address's owner is told by
    e-mail that this vendor tried to invite them. Otherwise a vendor admin could find out which
    addresses have accounts."""
    _require_vendor_admin(by)
    if role not in VENDOR_ROLES:
        raise ValidationError({"role": _("Choose a vendor role.")})
    existing = User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).order_by("pk").first()
    if existing is not None and existing.vendor_id == by.vendor_id:
        raise ValidationError({"email": _("One of your vendor's users already has this e-mail address.")})
    if existing is not None:
        logger.info("vendor %s invited an existing account's address; no account created", by.vendor_id)
        vendor_name = str(by.vendor)
        transaction.on_commit(lambda: _send_already_registered(existing.pk, email.lower(), vendor_name))
        return None
    user = User(
        username=email.lower(),
        email=email.lower(),
        first_name=first_name,
        last_name=last_name,
        role=role,
        vendor_id=by.vendor_id,
        language=by.language,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    with set_actor(by):
        user.save()
    transaction.on_commit(lambda: _send_invitation(user.pk))
    return user


@transaction.atomic
def vendor_user_set_active(*, by, user: User, active: bool) -> User:
    _require_vendor_admin(by)
    if user.vendor_id != by.vendor_id:
        raise PermissionDenied
    if user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate yourself."))
    was_active = User.objects.select_for_update().values_list("is_active", flat=True).get(pk=user.pk)
    user.is_active = active
    with set_actor(by):
        user.save(update_fields=["is_active"])
    if not active:
        AuthToken.objects.filter(user=user).delete()  # a deactivated user's API tokens stop working too
        if was_active:
            # A colleague who owns open records (a task, an action item, a corrective action, an
            # obligation) keeps them: the program managers are told to reassign them.
            user.records_left = owner_deactivated(user)
    return user


def invitation_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    name = "portal:invite_accept" if user.is_vendor_user else "accounts:invite_accept"
    return settings.SITE_URL + reverse(name, args=[uid, token])


def _send_already_registered(user_pk: int, address: str, vendor_name: str) -> None:
    """Tells the owner of an address a vendor admin tried to invite that they already have an
    account (the vendor admin was not told)."""
    user = User.objects.get(pk=user_pk)
    with translation.override(user.language):
        send_mail(
            _("An invitation to the BPO Program Office"),
            _(
                "Hello %(name)s,\n\n%(vendor)s tried to invite this e-mail address to its vendor portal. You "
                "already have an account, so none was created: sign in as usual. If you did not expect this, "
                "you may ignore this message."
            )
            % {"name": user.get_full_name() or user.username, "vendor": vendor_name},
            None,
            [address],
        )


def _send_invitation(user_pk: int) -> None:
    user = User.objects.get(pk=user_pk)
    if not user.email:
        return
    with translation.override(user.language):
        send_mail(
            _("You are invited to the BPO Program Office"),
            _("Hello %(name)s,\n\nSet your password and sign in here (the link works for three days):\n%(link)s")
            % {"name": user.get_full_name() or user.username, "link": invitation_link(user)},
            None,
            [user.email],
        )


# --- API tokens --------------------------------------------------------------------------


def token_create(*, user: User) -> tuple[AuthToken, str]:
    """A new API token for the user; the key is shown once and only its digest is stored."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    return AuthToken.objects.create(user=user, expiry=None)


def token_list(*, user: User):
    """The user's own API tokens, newest first (only the short prefix of each key is kept)."""
    return AuthToken.objects.filter(user=user).order_by("-created")


def token_revoke(*, user: User, token_key: str) -> int:
    deleted, _ = AuthToken.objects.filter(user=user, token_key=token_key).delete()
    return deleted
