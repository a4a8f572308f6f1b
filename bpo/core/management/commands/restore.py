"""manage.py restore <archive> [--database NAME]: into an empty database and the file storage."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bpo.core.backup import restore


class Command(BaseCommand):
    help = "Restore a backup archive (manage.py backup) into an EMPTY database and the file storage."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database", help="the empty database to restore into (default: DATABASE_URL's)")

    def handle(self, *args, archive, database=None, **options):
        try:
            manifest = restore(Path(archive), database=database)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {archive}: {len(manifest['files'])} files, from {manifest['created_at']}")
