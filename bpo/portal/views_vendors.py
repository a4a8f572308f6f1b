"""Portal pages of the vendors stage: invitations, documents, Q&A, the vendor's own proposal,
and profile change requests. A vendor user only ever reaches their own vendor's records: every
lookup starts from `visible_to(user)`, so anything else is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.accounts.choices import Role
from bpo.core.locking import VERSION_FIELD, RecordChanged
from bpo.core.zones import format_in_zone
from vendors.files import file_response
from vendors.forms import ProfileChangeForm, ProposalForm, QuestionForm
from vendors.models import (
    EventDocument,
    Proposal,
    ProposalAttachment,
    Question,
    SourcingEvent,
    Vendor,
    VendorChangeRequest,
)
from vendors.services import change_request_create, proposal_attachment_remove, proposal_submit, question_ask
from vendors.services.sourcing import proposal_version
from vendors.views.common import add_service_errors

from .exports import portal_export
from .views import _vendor_user, portal_login_required

RESULTS = {"selected": _("Selected"), "not_selected": _("Not selected")}
INVITATION_COLUMNS = [
    (_("Event"), lambda r: r["event"].title),
    (_("Kind"), lambda r: r["event"].get_kind_display()),
    (
        _("Submission deadline"),
        lambda r: format_in_zone(r["event"].submission_deadline, r["event"].program.time_zone),
    ),
    (_("Proposal revision"), lambda r: r["proposal"].revision if r["proposal"] else None),
    (_("Result"), lambda r: RESULTS.get(r["result"])),
]


def _with_winner(events):
    """Each event with `winner_vendor_id`: the vendor of its approved award, once the event is
    awarded (None before). One join, so a list of events costs one query however long it is."""
    return events.annotate(
        winner_vendor_id=Case(
            When(status="awarded", award__approved_at__isnull=False, then=F("award__proposal__vendor_id")),
            default=None,
        )
    )


def _event(user, pk):
    return get_object_or_404(_with_winner(SourcingEvent.objects.visible_to(user)).select_related("program"), pk=pk)


def _my_result(event, user):
    """Only this vendor's own outcome: selected, or not selected (never who won). `event` comes
    from `_with_winner`."""
    if event.winner_vendor_id is None:
        return None
    return "selected" if event.winner_vendor_id == user.vendor_id else "not_selected"


@portal_login_required
def sourcing_list(request):
    user = _vendor_user(request)
    events = (
        _with_winner(SourcingEvent.objects.visible_to(user)).select_related("program").order_by("-submission_deadline")
    )
    mine = {p.event_id: p for p in Proposal.objects.visible_to(user)}
    rows = [{"event": e, "proposal": mine.get(e.pk), "result": _my_result(e, user)} for e in events]
    if export := portal_export(request, "invitations", rows, INVITATION_COLUMNS, sheet=_("Invitations")):
        return export
    return render(request, "portal/vendors/sourcing_list.html", {"rows": rows})


def _detail(request, user, event, form=None, status=200):
    return render(
        request,
        "portal/vendors/sourcing_detail.html",
        {
            "event": event,
            "documents": EventDocument.objects.visible_to(user).filter(event=event),
            "requirements": event.requirements.all(),
            "criteria": event.criteria.all(),
            "questions": Question.objects.visible_to(user).filter(event=event),
            "proposal": Proposal.objects.visible_to(user).filter(event=event).first(),
            "result": _my_result(event, user),
            "form": form or QuestionForm(),
        },
        status=status,
    )


@portal_login_required
def sourcing_detail(request, pk):
    user = _vendor_user(request)
    return _detail(request, user, _event(user, pk))


@portal_login_required
@require_POST
def sourcing_ask(request, pk):
    user = _vendor_user(request)
    event = _event(user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            question_ask(event=event, by=user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                messages.error(request, " ".join(exc.messages))
                return redirect("portal:sourcing_detail", pk=event.pk)
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Your question was sent. The answer goes to every invited vendor, without your name.")
            )
            return redirect("portal:sourcing_detail", pk=event.pk)
    # Refused next to the field (empty, too long), what was typed kept.
    return _detail(request, user, event, form, status=400)


@portal_login_required
def proposal_edit(request, pk):
    """Submit or revise our proposal until the deadline; after it the page says it is closed."""
    user = _vendor_user(request)
    event = _event(user, pk)
    proposal = Proposal.objects.visible_to(user).filter(event=event).first()
    initial = {}
    if proposal:
        initial = {
            "price": proposal.price,
            "answers": proposal.answers,
            "price_breakdown": "\n".join(f"{line['item']}: {line['amount']}" for line in proposal.price_breakdown),
        }
    form = ProposalForm(request.POST or None, request.FILES or None, initial=initial)
    # Locked like the staff edit pages (bpo.core.locking): the form carries the version of the
    # proposal it was opened on, and a colleague's submission since then makes it stale; a
    # re-shown form keeps its version, so it stays stale until reloaded.
    version = (request.method == "POST" and request.POST.get(VERSION_FIELD)) or proposal_version(proposal)
    record_changed = False
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            files = data.pop("attachments")
            try:
                proposal_submit(event=event, by=user, files=files, expected_version=version, **data)
            except RecordChanged as exc:
                form.add_error(None, exc)
                record_changed, status = True, 400
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("Your proposal is submitted. You may revise it until the deadline."))
                return redirect("portal:sourcing_detail", pk=event.pk)
        else:
            status = 400
    attachments = ProposalAttachment.objects.visible_to(user).filter(proposal=proposal) if proposal else []
    return render(
        request,
        "portal/vendors/proposal_form.html",
        {
            "event": event,
            "form": form,
            "proposal": proposal,
            "attachments": attachments,
            "record_version": version,
            "record_changed": record_changed,
        },
        status=status,
    )


@portal_login_required
def sourcing_document(request, pk):
    user = _vendor_user(request)
    return file_response(get_object_or_404(EventDocument.objects.visible_to(user), pk=pk).file)


@portal_login_required
def proposal_attachment(request, pk):
    user = _vendor_user(request)
    return file_response(get_object_or_404(ProposalAttachment.objects.visible_to(user), pk=pk).file)


@portal_login_required
@require_POST
def proposal_attachment_delete(request, pk):
    """Removes one of our proposal's attachments while the proposal may still be revised."""
    user = _vendor_user(request)
    attachment = get_object_or_404(
        ProposalAttachment.objects.visible_to(user).select_related("proposal"), pk=pk, proposal__vendor=user.vendor_id
    )
    try:
        proposal_attachment_remove(attachment=attachment, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The attachment is removed."))
    return redirect("portal:proposal_edit", pk=attachment.proposal.event_id)


@portal_login_required
def profile_change(request):
    """A vendor admin proposes changes to the registry profile; staff approve them."""
    user = _vendor_user(request)
    vendor = get_object_or_404(Vendor.objects.visible_to(user), pk=user.vendor_id)
    requests = VendorChangeRequest.objects.visible_to(user).order_by("-created_at")
    if user.role != Role.VENDOR_ADMIN:
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "portal/vendors/profile_change.html", {"vendor": vendor, "requests": requests})
    form = ProfileChangeForm(request.POST or None, instance=Vendor.objects.get(pk=vendor.pk))
    if request.method == "POST" and form.is_valid():
        try:
            change_request_create(by=user, **{f: form.cleaned_data[f] for f in form.fields})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your change was sent to us for approval."))
            return redirect("portal:profile_change")
    return render(request, "portal/vendors/profile_change.html", {"vendor": vendor, "requests": requests, "form": form})
