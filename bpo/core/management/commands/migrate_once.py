"""``migrate`` under a PostgreSQL advisory lock, so that several web replicas starting at
once apply the migrations one after the other instead of racing (docker/entrypoint.sh)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

LOCK_ID = 421_337_001  # any constant shared by every replica


class Command(BaseCommand):
    help = "Apply the migrations, waiting for any other replica doing the same."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_ID])
            try:
                call_command("migrate", interactive=False, verbosity=options["verbosity"])
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])
