"""The version of a program's budget figures, for the home page's cached budget burn."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BurnStamp(models.Model):
    """A random token per program, replaced (delivery/burn_cache.py) whenever anything its budget
    burn sums changes: its currency, a budget line, a cost entry, an invoice or a contract of the
    program. The cached burn is kept under the tokens it was computed with, so a change is seen at
    once, in every process; a program without a stamp is never cached."""

    program = models.OneToOneField(
        "strategy.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="burn_stamp",
    )
    token = models.BigIntegerField(_("token"))

    class Meta:
        verbose_name = _("budget burn stamp")
        verbose_name_plural = _("budget burn stamps")

    def __str__(self):
        return f"{self.program_id}: {self.token}"
