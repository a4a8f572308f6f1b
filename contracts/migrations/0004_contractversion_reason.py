import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def set_reasons(apps, schema_editor):
    """Before this, a version came from a signature (version 1, no change request) or from an
    approved change request (an amendment); nothing else recorded versions."""
    ContractVersion = apps.get_model("contracts", "ContractVersion")
    ContractVersion.objects.filter(change_request__isnull=False).update(reason="amendment")
    ContractVersion.objects.filter(change_request__isnull=True).update(reason="signature")


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0003_renewal_and_expiry"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="contractversion",
            name="reason",
            field=models.CharField(
                choices=[
                    ("signature", "Signature"),
                    ("amendment", "Amendment"),
                    ("renewal", "Automatic renewal"),
                ],
                default="signature",
                max_length=10,
                verbose_name="reason",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="contractversion",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="created by",
            ),
        ),
        migrations.RunPython(set_reasons, migrations.RunPython.noop),
    ]
