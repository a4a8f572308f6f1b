"""Backups: the PostgreSQL database (``pg_dump`` custom format) and every stored file, in one
``.tar.gz``; restore puts both back into an empty database and storage.

Files are read and written through Django's storage API, so the same commands work with the
local ``MEDIA_ROOT`` and with S3-compatible storage. The archive holds ``database.dump``,
``media/<name>`` for each file and ``manifest.json`` (when, counts, the file names).
"""

import io
import json
import os
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection


def _pg_env(db):
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db):
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def _require_postgresql():
    if connection.vendor != "postgresql":
        raise RuntimeError("Backups need PostgreSQL (DATABASE_URL=postgres://...).")


def stored_files(storage=default_storage, folder=""):
    """Every file name in the storage, recursively, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += stored_files(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def backup(archive: Path) -> dict:
    """Writes the database and the stored files to ``archive`` (.tar.gz); returns the manifest."""
    _require_postgresql()
    db = settings.DATABASES["default"]
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "database.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-acl", *_pg_args(db), "-f", str(dump), db["NAME"]],
            env=_pg_env(db),
            check=True,
        )
        files = stored_files()
        manifest = {
            "created_at": datetime.now(UTC).isoformat(),
            "database": db["NAME"],
            "files": files,
        }
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(dump, arcname="database.dump")
            for name in files:
                with default_storage.open(name, "rb") as handle:
                    data = handle.read()
                info = tarfile.TarInfo(f"media/{name}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            raw = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return manifest


def restore(archive: Path, *, database: str | None = None) -> dict:
    """Restores ``archive`` into an EMPTY database (``database``, default the configured one)
    and the configured storage. Refuses a database that already has tables."""
    _require_postgresql()
    db = dict(settings.DATABASES["default"])
    target = database or db["NAME"]
    check = subprocess.run(
        ["psql", *_pg_args(db), "-d", target, "-Atc", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"],
        env=_pg_env(db),
        check=True,
        capture_output=True,
        text=True,
    )
    if int(check.stdout.strip() or 0):
        raise RuntimeError(f"The database {target} is not empty; restore only into an empty database.")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        dump = Path(tmp) / "database.dump"
        dump.write_bytes(tar.extractfile("database.dump").read())
        subprocess.run(
            ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", *_pg_args(db), "-d", target, str(dump)],
            env=_pg_env(db),
            check=True,
        )
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith("media/"):
                continue
            name = member.name.removeprefix("media/")
            if ".." in Path(name).parts or name.startswith("/"):
                continue  # never write outside the storage
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(tar.extractfile(member).read()))
    return manifest
