"""Staff pages of contracts: register, record, workflow, terms, changes and disputes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, Exists, OuterRef, Value
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import StaffRequiredMixin, get_editable_or_403, get_visible_or_404
from bpo.core.history import history_for
from bpo.core.lists import FilteredListView
from bpo.core.locking import opened_version
from bpo.core.records import RecordDetailView, RecordFormView, save_checked
from bpo.core.scoping import CONTENT, MONEY, reads_all

from . import services, terms_display
from .choices import ChangeStatus, ContractStatus, DisputeStatus, ReviewKind, ReviewOutcome
from .filtersets import ContractFilterSet
from .forms import (
    ChangeAssessForm,
    ChangeRequestForm,
    ContractForm,
    DecisionForm,
    DisputeForm,
    DocumentForm,
    ObligationForm,
    RateCardLineForm,
    ResolveForm,
    ReviewForm,
    ServiceLevelForm,
)
from .models import ChangeRequest, Contract, Dispute, Obligation, RateCardLine, ServiceLevel
from .tables import CONTRACT_COLUMNS


def _staff(request):
    if request.user.is_vendor_user:
        raise PermissionDenied
    return request.user


def _refused(request, exc):
    messages.error(request, " ".join(exc.messages))


class ContractListView(StaffRequiredMixin, FilteredListView):
    model = Contract
    filterset_class = ContractFilterSet
    columns = CONTRACT_COLUMNS
    title = _("Contracts")
    export_name = "contracts"
    create_url_name = "contracts:contract_create"
    report_kind = "contract_register"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program", "vendor")

    def can_create(self):
        return services.contract_can_create(self.request.user)


MAIN_PATH = ("draft", "legal_review", "financial_review", "approved", "signed", "active")
STATUS_ACTION = {
    ContractStatus.ACTIVE: "activate",
    ContractStatus.EXPIRED: "expire",
    ContractStatus.TERMINATED: "terminate",
    ContractStatus.RENEWED: "renew",
}

MOVE_LABELS = {
    "activate": _("Activate"),
    "expire": _("Mark expired"),
    "terminate": _("Terminate"),
    "renew": _("Renew for the renewal term"),
}


def contract_actions(contract, user, *, editable=None, operable=None, reviews=None) -> dict:
    """Which workflow buttons this user sees on the contract's page.

    `editable` and `operable` when already known (the page reads them with the contract, from
    `editable_by` and `operable_by`), `reviews` when the contract's reviews are already read."""
    if editable is None:
        editable = Contract.objects.editable_by(user).filter(pk=contract.pk).exists()
    if operable is None:
        operable = Contract.objects.operable_by(user).filter(pk=contract.pk).exists()
    status = contract.status
    return {
        "can_edit_draft": editable and status == ContractStatus.DRAFT,
        "can_submit": editable and status == ContractStatus.DRAFT,
        "review_kind": (
            ReviewKind.LEGAL
            if status == ContractStatus.LEGAL_REVIEW and services.can_review(user, ReviewKind.LEGAL)
            else ReviewKind.FINANCIAL
            if status == ContractStatus.FINANCIAL_REVIEW and services.can_review(user, ReviewKind.FINANCIAL)
            else None
        ),
        "can_sign": editable
        and status == ContractStatus.APPROVED
        and services.reviews_approved(contract, reviews=reviews),
        "moves": [
            {"label": MOVE_LABELS[STATUS_ACTION[s]], "action": STATUS_ACTION[s]}
            for s in services.contracts.CLOSING_MOVES.get(status, ())
        ]
        if editable
        else [],
        "can_operate": operable,
        "can_manage": editable,
    }


class ContractDetailView(RecordDetailView):
    """The contract's record. A fixed number of queries whatever its size: the contract is read
    with whether this user may change and operate it (Exists() of `editable_by` and `operable_by`),
    every section once."""

    model = Contract
    template_name = "contracts/contract_detail.html"
    related = ("program", "vendor", "parent")

    def get_object(self):
        user = self.request.user
        contracts = (
            Contract.objects.visible_to(user)
            .select_related(*self.related)
            .annotate(
                user_can_edit=Exists(Contract.objects.editable_by(user).filter(pk=OuterRef("pk"))),
                user_can_operate=Exists(Contract.objects.operable_by(user).filter(pk=OuterRef("pk"))),
            )
        )
        # Whether the user reads the program's other records (the measurements; and its money, the
        # service-level dashboard, for legal), read with the contract: finance and legal read every
        # contract but those only as members (bpo.core.scoping); anyone else as the contract.
        if user.reads_all_programs and not reads_all(user, CONTENT):
            reading = Contract.objects.visible_to(user, CONTENT).filter(pk=OuterRef("pk"))
            contracts = contracts.annotate(user_reads_content=Exists(reading))
        else:
            contracts = contracts.annotate(user_reads_content=Value(True, output_field=BooleanField()))
        return get_object_or_404(contracts, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        # RecordDetailView's context (object, can_edit, history) without its separate can_edit query.
        context = super(RecordDetailView, self).get_context_data(**kwargs)
        contract, user = self.get_object(), self.request.user
        context.update(object=contract, can_edit=contract.user_can_edit, history=history_for(contract))
        context["reads_content"] = contract.user_reads_content
        context["reads_money"] = contract.user_reads_content or reads_all(user, MONEY)
        reviews = list(contract.reviews.select_related("decided_by"))
        last = reviews[0] if reviews else None
        # Counted and the latest one named on the page; the terms themselves are on the versions page.
        versions = list(
            contract.versions.select_related("created_by", "change_request").defer("terms").order_by("number")
        )
        applied = [v for v in versions if v.applied_at is not None]
        pending = next((v for v in versions if v.pending), None)
        context.update(
            actions=contract_actions(
                contract, user, editable=contract.user_can_edit, operable=contract.user_can_operate, reviews=reviews
            ),
            reviews=reviews,
            rejection=last if last and last.outcome == ReviewOutcome.REJECTED and contract.status == "draft" else None,
            review_form=kwargs.get("review_form")
            or ReviewForm(initial={"kind": waiting_review_kind(contract), "round": contract.review_round}),
            # One contract's rows, in their models' order without the join ordering by the contract needs.
            service_levels=list(contract.service_levels.order_by("code")),
            obligations=list(contract.obligations.select_related("owner")),
            rates=list(contract.rates.all()),
            rate_form=kwargs.get("rate_form") or RateCardLineForm(),
            versions=versions,
            latest_version=versions[-1] if versions else None,
            # The version whose terms the contract's fields hold, and an approved amendment waiting for its day.
            in_force_version=applied[-1] if applied else None,
            pending_version=pending,
            pending_terms=terms_display.pending_rows(pending),
            changes=list(contract.change_requests.all()[:20]),
            disputes=list(contract.disputes.all()[:20]),
            children=list(contract.children.all()),
            documents=list(services.documents_for(contract, user)),
            document_form=DocumentForm(),
            statuses=[c for c in ContractStatus.choices if c[0] in MAIN_PATH or c[0] == contract.status],
        )
        return context


class ContractFormView(RecordFormView):
    model = Contract
    form_class = ContractForm

    def can_create(self):
        return services.contract_can_create(self.request.user)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if self.object is None and "program" in self.request.GET:
            kwargs.setdefault("initial", {})["program"] = self.request.GET["program"]
        return kwargs

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New contract")

    def save(self, form):
        if self.object is None:
            contract = services.contract_create(by=self.request.user, **form.cleaned_data)
        else:
            contract = services.contract_update(contract=self.object, by=self.request.user, **form.cleaned_data)
        if contract.outside_program_budget:  # allowed; its page says so too
            messages.warning(self.request, currency_warning(contract))
        return contract


def currency_warning(contract) -> str:
    return _(
        "%(number)s is in %(currency)s and its program budgets in %(budget)s: there are no exchange rates, "
        "so its invoices are not counted in the program's budget."
    ) % {"number": contract.number, "currency": contract.currency, "budget": contract.program.currency}


TRANSITIONS = {
    "submit": lambda c, by: services.contract_submit_for_review(contract=c, by=by),
    "sign": lambda c, by: services.contract_sign(contract=c, by=by),
    "activate": lambda c, by: services.contract_set_status(contract=c, status=ContractStatus.ACTIVE, by=by),
    "expire": lambda c, by: services.contract_set_status(contract=c, status=ContractStatus.EXPIRED, by=by),
    "terminate": lambda c, by: services.contract_set_status(contract=c, status=ContractStatus.TERMINATED, by=by),
    "renew": lambda c, by: services.contract_set_status(contract=c, status=ContractStatus.RENEWED, by=by),
}


@login_required
@require_POST
def contract_transition(request, pk, action):
    """Submit for review, sign, activate, expire, terminate or renew (managers and administrators)."""
    by = _staff(request)
    contract = get_editable_or_403(Contract, by, pk=pk)
    if action not in TRANSITIONS:
        raise PermissionDenied
    try:
        contract = TRANSITIONS[action](contract, by)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        if action == "renew":
            messages.success(
                request,
                _("Contract %(number)s renewed until %(date)s (version %(version)s of the terms).")
                % {"number": contract.number, "date": contract.end_date.isoformat(), "version": contract.terms_version},
            )
        else:
            messages.success(request, _("Contract %(number)s updated.") % {"number": contract.number})
    return redirect(contract)


def waiting_review_kind(contract) -> str | None:
    """The review the contract waits for (legal or financial), or None."""
    return {ContractStatus.LEGAL_REVIEW: ReviewKind.LEGAL, ContractStatus.FINANCIAL_REVIEW: ReviewKind.FINANCIAL}.get(
        contract.status
    )


def _stale_review(contract, kind, round_) -> str | None:
    """Why a decision sent from a page opened for review `kind` of round `round_` is no longer
    wanted (the round was decided, or a new one started), or None if it still is."""
    if round_ is not None and round_ != contract.review_round:
        return _(
            "A new review round (round %(round)s) started after you opened this page; your decision was not "
            "recorded. Read the contract again and decide on this round."
        ) % {"round": contract.review_round}
    if waiting_review_kind(contract) == kind:
        return None
    decided = contract.reviews.filter(kind=kind, round=contract.review_round).select_related("decided_by").first()
    if decided is not None:
        return _(
            "%(kind)s of round %(round)s was already decided (%(outcome)s by %(who)s); your decision was not recorded."
        ) % {
            "kind": decided.get_kind_display(),
            "round": decided.round,
            "outcome": decided.get_outcome_display(),
            "who": decided.decided_by or _("System"),
        }
    return _("This contract is no longer waiting for this review; your decision was not recorded.")


@login_required
@require_POST
def contract_review(request, pk):
    """The legal reviewer or finance records a decision on the review the contract waits for.
    A refused decision shows the contract page again with the error next to its field and what
    was chosen and typed; one sent from a page left open while the review moved on is not
    recorded, and the page says why."""
    by = _staff(request)
    contract = get_visible_or_404(Contract, by, pk=pk)
    form = ReviewForm(request.POST)
    posted_kind = request.POST.get("kind")
    kind = posted_kind if posted_kind in ReviewKind.values else waiting_review_kind(contract) or ReviewKind.FINANCIAL
    if not services.can_review(by, kind):
        raise PermissionDenied
    posted_round = request.POST.get("round", "")
    stale = _stale_review(contract, kind, int(posted_round) if posted_round.isdigit() else None)
    if stale:
        messages.warning(request, stale)
        return redirect(contract)
    if form.is_valid():
        try:
            services.contract_record_review(
                contract=contract,
                kind=kind,
                by=by,
                outcome=form.cleaned_data["outcome"],
                comments=form.cleaned_data["comments"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Your decision is recorded."))
            return redirect(contract)
    view = ContractDetailView()
    view.setup(request, pk=pk)
    return view.render_to_response(view.get_context_data(pk=pk, review_form=form))


class _ContractChildFormView(RecordFormView):
    """Create under a contract (`contract_pk`) or edit (`pk`)."""

    contract_field = "contract"

    def get_object(self):
        if "pk" in self.kwargs:
            obj = get_editable_or_403(self.model, self.request.user, pk=self.kwargs["pk"])
            self.contract = obj.contract
            return obj
        self.contract = get_editable_or_403(Contract, self.request.user, pk=self.kwargs["contract_pk"])
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["contract"] = self.contract
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object or self.contract
        return context


class ServiceLevelFormView(_ContractChildFormView):
    model = ServiceLevel
    form_class = ServiceLevelForm

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New service level")

    def save(self, form):
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        if self.object is None:
            return services.service_level_create(contract=self.contract, by=self.request.user, **data)
        return services.service_level_update(service_level=self.object, by=self.request.user, **data)


class ObligationFormView(_ContractChildFormView):
    model = Obligation
    form_class = ObligationForm

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New obligation")

    def save(self, form):
        if self.object is None:
            return services.obligation_create(contract=self.contract, by=self.request.user, **form.cleaned_data)
        obligation = services.obligation_update(obligation=self.object, by=self.request.user, **form.cleaned_data)
        if note := services.last_occurrence_done(obligation):
            messages.info(self.request, note)
        return obligation


@login_required
@require_POST
def rate_add(request, pk):
    by = _staff(request)
    contract = get_editable_or_403(Contract, by, pk=pk)
    form = RateCardLineForm(request.POST)
    if form.is_valid():
        try:
            services.rate_card_line_create(contract=contract, by=by, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Rate card line added."))
            return redirect(contract.get_absolute_url() + "#rates")
    # Refused: the contract page again, the errors next to their fields and what was typed kept.
    view = ContractDetailView()
    view.setup(request, pk=pk)
    return view.render_to_response(view.get_context_data(pk=pk, rate_form=form))


@login_required
def rate_update(request, pk):
    """Edit one rate card line (managers, while the contract is a draft)."""
    by = _staff(request)
    line = get_editable_or_403(RateCardLine, by, pk=pk)
    contract = line.contract
    # Taken before the form copies the posted values onto its instance (see bpo.core.locking).
    version = opened_version(request, line)
    form = RateCardLineForm(request.POST or None, instance=RateCardLine.objects.get(pk=line.pk))
    record_changed = False
    if request.method == "POST" and form.is_valid():
        checked = save_checked(
            request, form, line, lambda: services.rate_card_line_update(line=line, by=by, **form.cleaned_data)
        )
        record_changed = checked.record_changed
        if checked.saved:
            messages.success(request, _("Rate card line updated."))
            return redirect(contract.get_absolute_url() + "#rates")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "object": contract,
            "title": _("Edit %(name)s") % {"name": line},
            "record_version": version,
            "record_changed": record_changed,
        },
    )


@login_required
@require_POST
def rate_delete(request, pk):
    """Delete one rate card line (managers, while the contract is a draft; never a billed line)."""
    by = _staff(request)
    line = get_editable_or_403(RateCardLine, by, pk=pk)
    contract = line.contract
    try:
        services.rate_card_line_delete(line=line, by=by)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Rate card line deleted."))
    return redirect(contract.get_absolute_url() + "#rates")


@login_required
def contract_versions(request, pk):
    """Every version of the terms, readable, and any two compared."""
    _staff(request)
    contract = get_visible_or_404(Contract, request.user, pk=pk)
    versions = list(contract.versions.select_related("change_request", "created_by"))
    by_number = {v.number: v for v in versions}
    a, b = _int(request.GET.get("a")), _int(request.GET.get("b"))
    shown = by_number.get(_int(request.GET.get("v"))) or (versions[-1] if versions else None)
    diff = None
    if a in by_number and b in by_number:
        old, new = by_number[a].terms, by_number[b].terms
        diff = terms_display.diff_rows(services.versions_diff(old, new), old, new)
    return render(
        request,
        "contracts/versions.html",
        {
            "object": contract,
            "versions": versions,
            "shown": shown,
            "shown_terms": terms_display.terms_rows(shown.terms) if shown else [],
            "diff": diff,
            "a": a,
            "b": b,
        },
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def change_create(request, contract_pk):
    by = _staff(request)
    contract = get_visible_or_404(Contract, by, pk=contract_pk)
    if not Contract.objects.operable_by(by).filter(pk=contract.pk).exists():
        raise PermissionDenied
    if request.method != "POST" and (refusal := services.change_request_refusal(contract)):
        # No form for a request that would be refused (the page's button is not shown either).
        messages.error(request, refusal)
        return redirect(contract)
    form = ChangeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.change_request_create(contract=contract, by=by, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Change request raised."))
            return redirect(change)
    return render(request, "core/form.html", {"form": form, "object": contract, "title": _("New change request")})


def _add_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def change_detail(request, pk):
    """A change request: its impact assessment and the decision (managers)."""
    by = _staff(request)
    change = get_visible_or_404(ChangeRequest, by, pk=pk)
    can_manage = Contract.objects.editable_by(by).filter(pk=change.contract_id).exists()
    assess_form = ChangeAssessForm(instance=change)
    decision_form = DecisionForm(change=change)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = None
        try:
            if request.POST.get("step") == "withdraw":
                services.amendment_withdraw(change=change, by=by, reason=request.POST.get("reason", ""))
                messages.success(request, _("Amendment withdrawn."))
                return redirect(change)
            if request.POST.get("step") == "assess":
                form = assess_form = ChangeAssessForm(request.POST, instance=ChangeRequest.objects.get(pk=change.pk))
                if assess_form.is_valid():
                    services.change_request_assess(change=change, by=by, **assess_form.cleaned_data)
                    messages.success(request, _("Impact recorded."))
                    return redirect(change)
            else:
                form = decision_form = DecisionForm(request.POST, change=change)
                if decision_form.is_valid():
                    services.change_request_decide(change=change, by=by, **decision_form.cleaned_data)
                    messages.success(request, _("Decision recorded."))
                    return redirect(change)
        except ValidationError as exc:
            if form is not None and "effective_date" in getattr(exc, "error_dict", {}):
                _add_errors(form, exc)  # next to the field, the form kept as sent
            else:
                _refused(request, exc)
    return render(
        request,
        "contracts/change_detail.html",
        {
            "object": change,
            "contract": change.contract,
            "can_manage": can_manage,
            "open": change.status in (ChangeStatus.SUBMITTED, ChangeStatus.ASSESSED),
            "assess_form": assess_form,
            "decision_form": decision_form,
            "version": change.contractversion_set.first(),
            # By label and display value in the reader's language, as the versions page (not field keys).
            "proposed_rows": terms_display.terms_rows(change.proposed_terms),
        },
    )


@login_required
def dispute_create(request, contract_pk):
    by = _staff(request)
    contract = get_visible_or_404(Contract, by, pk=contract_pk)
    if not Contract.objects.operable_by(by).filter(pk=contract.pk).exists():
        raise PermissionDenied
    form = DisputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dispute = services.dispute_open(contract=contract, by=by, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Dispute opened."))
            return redirect(dispute)
    return render(request, "core/form.html", {"form": form, "object": contract, "title": _("New dispute")})


@login_required
def dispute_detail(request, pk):
    """A dispute: its level and deadline, escalations, and the resolution."""
    by = _staff(request)
    dispute = get_visible_or_404(Dispute, by, pk=pk)
    can_operate = Contract.objects.operable_by(by).filter(pk=dispute.contract_id).exists()
    form = ResolveForm()
    if request.method == "POST":
        if not can_operate:
            raise PermissionDenied
        try:
            if request.POST.get("step") == "escalate":
                services.dispute_escalate(dispute=dispute, by=by, reason=request.POST.get("reason", ""))
                messages.success(request, _("Escalated."))
                return redirect(dispute)
            form = ResolveForm(request.POST)
            if form.is_valid():
                services.dispute_resolve(dispute=dispute, by=by, **form.cleaned_data)
                messages.success(request, _("Resolution recorded."))
                return redirect(dispute)
        except ValidationError as exc:
            _refused(request, exc)
    return render(
        request,
        "contracts/dispute_detail.html",
        {
            "object": dispute,
            "contract": dispute.contract,
            "can_operate": can_operate and dispute.status == DisputeStatus.OPEN,
            "form": form,
            "escalations": dispute.escalations.select_related("by"),
        },
    )


@login_required
@require_POST
def document_upload(request, pk):
    """Adds a document or its next version (managers and administrators)."""
    by = _staff(request)
    contract = get_editable_or_403(Contract, by, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.document_upload(contract=contract, by=by, **form.cleaned_data)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("%(doc)s uploaded.") % {"doc": version})
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(contract.get_absolute_url() + "#documents")


def document_response(user, pk):
    from django.http import FileResponse, Http404

    version = services.document_version_for(user, pk)
    if version is None:
        raise Http404
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.filename)


@login_required
def document_download(request, pk):
    _staff(request)
    return document_response(request.user, pk)
