"""Sourcing events (RFI, RFP, tender): invitations, documents, mandatory requirements,
weighted criteria, Q&A, and the vendors' sealed proposals."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import date_range_errors
from bpo.core.links import record_url
from bpo.core.zones import in_zone

from ..choices import EventKind, EventStatus, ProposalStatus
from ..files import upload_to, validate_upload
from ..querysets import (
    EventPartQuerySet,
    InvitationQuerySet,
    ProposalPartQuerySet,
    ProposalQuerySet,
    QuestionQuerySet,
    SourcingEventQuerySet,
)

# Free texts are bounded (a 100,000-character question made pages 23,000 px tall): the form
# refuses a longer one next to the field, and full_clean (the services) and the API too.
SCOPE_MAX = 5000
QUESTION_MAX = 2000
ANSWER_MAX = 5000
PROPOSAL_ANSWERS_MAX = 20000


class SourcingEvent(models.Model):
    """One RFI, RFP or tender of a program."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="sourcing_events"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=EventKind.choices, default=EventKind.RFP)
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(
        _("scope"),
        blank=True,
        max_length=SCOPE_MAX,
        validators=[MaxLengthValidator(SCOPE_MAX)],
        help_text=_("What the vendors are asked to offer."),
    )
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    questions_deadline = models.DateTimeField(_("questions deadline"))
    submission_deadline = models.DateTimeField(
        _("submission deadline"), help_text=_("Proposals are sealed until this moment; late ones are refused.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SourcingEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sourcing event")
        verbose_name_plural = _("sourcing events")
        ordering = ["-submission_deadline", "-pk"]
        # The list's order read from an index (2,000 events were sorted on every view of the list).
        indexes = [models.Index(F("submission_deadline").desc(), F("id").desc(), name="event_list_order")]
        constraints = [
            models.CheckConstraint(
                name="event_questions_before_submission",
                condition=Q(questions_deadline__lte=models.F("submission_deadline")),
                violation_error_message=_("The questions deadline must come before the submission deadline."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.title}"

    def get_absolute_url(self):
        return record_url("vendors:event_detail", self.pk)

    def clean(self):
        # From FIRST_DATE to LAST_DATE, the day in the program's time zone: a deadline in 3000 kept
        # the proposals sealed for ever. Not bound to the program's term: sourcing comes before it.
        zone = self.program.time_zone if self.program_id else None

        def day(value):
            try:
                return in_zone(value, zone).date()
            except OverflowError:  # 9999-12-31 23:00 UTC is past the last day datetime can hold
                return value.date()

        deadlines = {"questions_deadline": self.questions_deadline, "submission_deadline": self.submission_deadline}
        errors = date_range_errors(**{name: day(value) for name, value in deadlines.items() if value})
        if errors:
            raise ValidationError(errors)
        if self.questions_deadline and self.submission_deadline and self.questions_deadline > self.submission_deadline:
            raise ValidationError(
                {"questions_deadline": _("The questions deadline must come before the submission deadline.")}
            )

    @property
    def is_open(self) -> bool:
        """Vendors may submit: published and before the deadline."""
        return self.status == EventStatus.PUBLISHED and timezone.now() < self.submission_deadline

    @property
    def is_unsealed(self) -> bool:
        """Proposals may be opened: the submission deadline has passed."""
        return timezone.now() >= self.submission_deadline

    @property
    def questions_open(self) -> bool:
        return self.status == EventStatus.PUBLISHED and timezone.now() < self.questions_deadline


class EventPart(models.Model):
    event = models.ForeignKey(SourcingEvent, verbose_name=_("sourcing event"), on_delete=models.CASCADE)

    objects = EventPartQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return self.event.get_absolute_url()


class Invitation(EventPart):
    vendor = models.ForeignKey("vendors.Vendor", verbose_name=_("vendor"), on_delete=models.PROTECT)
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["event", "vendor__name"]
        default_related_name = "invitations"
        constraints = [models.UniqueConstraint(fields=["event", "vendor"], name="invitation_once")]

    def __str__(self):
        return str(self.vendor)


class EventDocument(EventPart):
    """A document the invited vendors download (the RFP itself, templates, data packs)."""

    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=upload_to, validators=[validate_upload])
    # The name the file was uploaded with (set by upload_to), offered again on download;
    # the stored name stays random. Empty for files uploaded before it was kept.
    original_name = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")
        ordering = ["event", "title"]
        default_related_name = "documents"

    def __str__(self):
        return self.title


class Requirement(EventPart):
    """A mandatory pass/fail requirement: failing one disqualifies the proposal."""

    text = models.CharField(_("requirement"), max_length=300)

    class Meta:
        verbose_name = _("mandatory requirement")
        verbose_name_plural = _("mandatory requirements")
        ordering = ["event", "pk"]
        default_related_name = "requirements"

    def __str__(self):
        return self.text


class Criterion(EventPart):
    """A weighted evaluation criterion. The weights of an event sum to 100 before it is published.
    A price criterion is not scored by evaluators: it is computed from the proposals' prices."""

    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    is_price = models.BooleanField(_("price criterion"), default=False)
    guidance = models.CharField(_("scoring guidance"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["event", "-is_price", "pk"]
        default_related_name = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["event"], condition=Q(is_price=True), name="criterion_one_price_per_event"),
        ]

    def __str__(self):
        return self.name


class Question(EventPart):
    """A vendor's question. The answer goes to every invitee; the asker is never shown to vendors."""

    vendor = models.ForeignKey(
        "vendors.Vendor", verbose_name=_("asked by vendor"), on_delete=models.CASCADE, related_name="+"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("question"), max_length=QUESTION_MAX, validators=[MaxLengthValidator(QUESTION_MAX)])
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    answer = models.TextField(
        _("answer"), blank=True, max_length=ANSWER_MAX, validators=[MaxLengthValidator(ANSWER_MAX)]
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["event", "asked_at", "pk"]
        default_related_name = "questions"

    def __str__(self):
        return self.text[:60]


class Proposal(models.Model):
    """A vendor's bid. Sealed: staff see it only once the event's submission deadline has passed
    (the rule lives in ProposalQuerySet.visible_to, so pages, API and exports all obey it)."""

    event = models.ForeignKey(
        SourcingEvent, verbose_name=_("sourcing event"), on_delete=models.CASCADE, related_name="proposals"
    )
    vendor = models.ForeignKey(
        "vendors.Vendor", verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="proposals"
    )
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT)
    price = models.DecimalField(
        _("total price"), max_digits=16, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    price_breakdown = models.JSONField(_("price breakdown"), default=list, blank=True)
    answers = models.TextField(
        _("answers"), blank=True, max_length=PROPOSAL_ANSWERS_MAX, validators=[MaxLengthValidator(PROPOSAL_ANSWERS_MAX)]
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shortlisted = models.BooleanField(_("shortlisted"), default=False)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["event", "vendor__name"]
        constraints = [models.UniqueConstraint(fields=["event", "vendor"], name="proposal_one_per_vendor")]

    def __str__(self):
        return _("Proposal of %(vendor)s") % {"vendor": self.vendor}

    def get_absolute_url(self):
        return record_url("vendors:proposal_detail", self.pk)


class ProposalAttachment(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=upload_to, validators=[validate_upload])
    # The name the file was uploaded with (set by upload_to), offered again on download;
    # the stored name stays random. Empty for files uploaded before it was kept.
    original_name = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ProposalPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["proposal", "pk"]

    def __str__(self):
        return self.title
