"""A withdrawn amendment's change request is `withdrawn` (it was `rejected`, with the English sentence
"Withdrawn before it took effect on <date>: <reason>" stored as its decision comments, shown so on
the Chinese pages and labelled rejected in the portal). The rows withdrawn so far are read back into
data: the status, the reason alone, and the day it would have taken effect; the pages render the
sentence in the reader's language (contracts.terms_display.decision_text)."""

import re
from datetime import date

from django.db import migrations, models

# The sentence as amendment_withdraw stored it, in English or in Chinese (the withdrawing user's language).
STORED = (
    re.compile(r"\AWithdrawn before it took effect on (\d{4}-\d{2}-\d{2}): (.*)\Z", re.DOTALL),
    re.compile(r"\A在 (\d{4}-\d{2}-\d{2}) 生效之前撤回：(.*)\Z", re.DOTALL),
)


def forwards(apps, schema_editor):
    ChangeRequest = apps.get_model("contracts", "ChangeRequest")
    rows = ChangeRequest.objects.filter(status="rejected").filter(
        models.Q(decision_comments__startswith="Withdrawn before it took effect on ")
        | models.Q(decision_comments__startswith="在 ")
    )
    for change in rows.only("pk", "decision_comments", "effective_date"):
        for pattern in STORED:
            if found := pattern.match(change.decision_comments):
                day, reason = found.groups()
                ChangeRequest.objects.filter(pk=change.pk).update(
                    status="withdrawn", decision_comments=reason, effective_date=date.fromisoformat(day)
                )
                break


def backwards(apps, schema_editor):
    ChangeRequest = apps.get_model("contracts", "ChangeRequest")
    for change in ChangeRequest.objects.filter(status="withdrawn").only("pk", "decision_comments", "effective_date"):
        day = change.effective_date.isoformat() if change.effective_date else "?"
        ChangeRequest.objects.filter(pk=change.pk).update(
            status="rejected",
            decision_comments=f"Withdrawn before it took effect on {day}: {change.decision_comments}",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0013_termination_date"),
    ]

    operations = [
        migrations.AlterField(
            model_name="changerequest",
            name="status",
            field=models.CharField(
                choices=[
                    ("submitted", "Submitted"),
                    ("assessed", "Assessed"),
                    ("approved", "Approved"),
                    ("rejected", "Rejected"),
                    ("withdrawn", "Withdrawn"),
                ],
                default="submitted",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
