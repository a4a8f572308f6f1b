"""manage.py backup [archive]: the database (pg_dump) and every stored file in one .tar.gz."""

from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bpo.core.backup import backup


class Command(BaseCommand):
    help = "Back up the PostgreSQL database and the uploaded files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="default: var/backups/bpo-<UTC time>.tar.gz")

    def handle(self, *args, archive=None, **options):
        from django.conf import settings

        if not archive:
            folder = Path(settings.BASE_DIR) / "var" / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            archive = folder / f"bpo-{datetime.now(UTC):%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = backup(Path(archive))
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{archive}: database {manifest['database']}, {len(manifest['files'])} files")
