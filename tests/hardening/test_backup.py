"""make backup / make restore: a backup restored into an empty database finds every record and file."""

import uuid

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

from bpo.core.backup import backup, restore, stored_files

from .hostile import PDF, upload

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="backups need PostgreSQL")

TABLES = ["strategy_program", "vendors_vendor", "accounts_user", "contracts_contract", "contracts_documentversion"]


def _connect(name):
    db = settings.DATABASES["default"]
    return psycopg2.connect(
        dbname=name, user=db.get("USER") or None, password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None, port=db.get("PORT") or None,
    )  # fmt: skip


def _counts(name):
    with _connect(name) as conn, conn.cursor() as cursor:
        result = {}
        for table in TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
            result[table] = cursor.fetchone()[0]
    conn.close()
    return result


def test_backup_then_restore_into_an_empty_database_keeps_every_record_and_file(live_cast, tmp_path, settings):
    from contracts import services
    from tests.contracts.factories import ContractFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    c = live_cast
    contract = ContractFactory(program=c.program_a, vendor=c.vendor_x, status="active")
    services.document_upload(contract=contract, by=c.manager, title="MSA", file=upload("msa.pdf", PDF))
    files = stored_files()
    assert files
    source = settings.DATABASES["default"]["NAME"]
    before = _counts(source)
    archive = tmp_path / "backup.tar.gz"
    manifest = backup(archive)
    assert manifest["files"] == files

    target = f"bpo_restore_{uuid.uuid4().hex[:8]}"
    admin = _connect("postgres")
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{target}"')
    try:
        settings.MEDIA_ROOT = tmp_path / "restored-media"  # an empty storage
        restore(archive, database=target)
        assert _counts(target) == before
        assert stored_files() == files
        from django.core.files.storage import default_storage

        with default_storage.open(files[0], "rb") as handle:
            assert handle.read() == PDF
        with pytest.raises(RuntimeError, match="not empty"):
            restore(archive, database=target)
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        admin.close()
