"""The implementation plan: work packages (phases) and their tasks, with owners, baseline and
actual dates, percent complete and finish-to-start dependencies; and the transition checklist
(the transition gate of the lifecycle). Variance and the critical path are computed by
delivery/schedule_service.py, never typed."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bpo.core.links import record_url

from ..choices_plan import TransitionCategory
from ..querysets_plan import StaffProgramPartQuerySet, TaskQuerySet


class WorkPackage(models.Model):
    """A phase or work package of a program's plan; its tasks hang off it."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="work_packages"
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = StaffProgramPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        ordering = ["program", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["program", "name"], name="work_package_name_unique")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("delivery:plan", self.program_id)


class Task(models.Model):
    """One task of the plan. Dates are whole days, both ends included."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="plan_tasks"
    )
    work_package = models.ForeignKey(
        WorkPackage, verbose_name=_("work package"), on_delete=models.PROTECT, related_name="tasks"
    )
    contract = models.ForeignKey(
        "contracts.Contract",
        verbose_name=_("contract"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_tasks",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_tasks",
        help_text=_("A staff user, or a user of the program's vendor."),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        verbose_name=_("vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_tasks",
        help_text=_("The vendor responsible; set from a vendor owner. Its users update the task in the portal."),
    )
    baseline_start = models.DateField(_("baseline start"))
    baseline_finish = models.DateField(_("baseline finish"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_finish = models.DateField(_("actual finish"), null=True, blank=True)
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), default=0, validators=[MaxValueValidator(100)]
    )
    depends_on = models.ManyToManyField(
        "self",
        verbose_name=_("depends on"),
        symmetrical=False,
        blank=True,
        related_name="successors",
        help_text=_("Finish-to-start: this task cannot finish before these tasks have finished."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["program", "baseline_start", "pk"]
        constraints = [
            models.CheckConstraint(
                name="task_baseline_in_order", condition=Q(baseline_finish__gte=F("baseline_start"))
            ),
            models.CheckConstraint(
                name="task_actual_in_order",
                condition=Q(actual_finish__isnull=True) | Q(actual_start__lte=F("actual_finish")),
            ),
            models.CheckConstraint(name="task_percent_range", condition=Q(percent_complete__lte=100)),
        ]
        indexes = [models.Index(fields=["vendor", "program"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("delivery:task_detail", self.pk)

    @property
    def finish_variance(self) -> int:
        """Days the actual (or forecast) finish lies after the baseline finish, from this task alone;
        the plan page also pushes it after late predecessors (delivery/scheduling.py). As of today in
        the task's program's time zone (the lists read the program with the task)."""
        from bpo.core.zones import today_in

        from ..scheduling import current_dates

        return (current_dates(self, today_in(self.program.time_zone))[1] - self.baseline_finish).days


class TaskUpdate(models.Model):
    """A progress update of a task (vendor portal, staff page or API): what was recorded, by whom."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="updates")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    percent_complete = models.PositiveSmallIntegerField(_("percent complete"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_finish = models.DateField(_("actual finish"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("task update")
        verbose_name_plural = _("task updates")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.task} {self.percent_complete}%"


class TransitionItem(models.Model):
    """One item of a program's transition checklist; the open mandatory ones hold the transition gate."""

    program = models.ForeignKey(
        "strategy.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="transition_items"
    )
    category = models.CharField(_("category"), max_length=20, choices=TransitionCategory.choices)
    title = models.CharField(_("item"), max_length=200)
    mandatory = models.BooleanField(_("mandatory"), default=True, help_text=_("Go-live waits for it."))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("What shows it is done: a document, a sign-off.")
    )

    objects = StaffProgramPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("transition item")
        verbose_name_plural = _("transition items")
        ordering = ["program", "category", "pk"]
        constraints = [
            models.CheckConstraint(
                name="transition_item_done_has_evidence",
                condition=Q(done_at__isnull=True) | ~Q(evidence=""),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("delivery:transition", self.program_id)

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
