# Amendments take effect on a date: ChangeRequest.effective_date, ContractVersion.effective_from
# and applied_at (empty while a future-dated amendment waits for its day).

import django.utils.timezone
from django.db import migrations, models


def backfill(apps, schema_editor):
    """Existing versions are in force from the day they were recorded (in the program's time zone),
    version 1 from the contract's start date; all were applied when recorded."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    ContractVersion = apps.get_model("contracts", "ContractVersion")
    versions = list(
        ContractVersion.objects.select_related("contract__program").only(
            "pk", "number", "created_at", "contract__start_date", "contract__program__time_zone"
        )
    )
    for version in versions:
        if version.number == 1:
            version.effective_from = version.contract.start_date
        else:
            try:
                tz = ZoneInfo(version.contract.program.time_zone or "UTC")
            except (ZoneInfoNotFoundError, ValueError):
                tz = ZoneInfo("UTC")
            version.effective_from = version.created_at.astimezone(tz).date()
        version.applied_at = version.created_at
    ContractVersion.objects.bulk_update(versions, ["effective_from", "applied_at"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("contracts", "0009_documentversion_original_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="changerequest",
            name="effective_date",
            field=models.DateField(
                blank=True,
                help_text=(
                    "The day the amended terms take effect: not before the contract's start or the first day of "
                    "the current month. Empty: the day the change is approved."
                ),
                null=True,
                verbose_name="effective date",
            ),
        ),
        migrations.AddField(
            model_name="contractversion",
            name="applied_at",
            field=models.DateTimeField(
                blank=True, default=django.utils.timezone.now, null=True, verbose_name="applied"
            ),
        ),
        migrations.AddField(
            model_name="contractversion",
            name="effective_from",
            field=models.DateField(null=True, verbose_name="in force from"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contractversion",
            name="effective_from",
            field=models.DateField(verbose_name="in force from"),
        ),
        migrations.AddConstraint(
            model_name="contractversion",
            constraint=models.CheckConstraint(
                condition=models.Q(("applied_at__isnull", False), ("reason", "amendment"), _connector="OR"),
                name="contract_version_pending_only_amendment",
            ),
        ),
        migrations.AddConstraint(
            model_name="contractversion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("applied_at__isnull", True)),
                fields=("contract",),
                name="contract_version_one_pending",
            ),
        ),
    ]
