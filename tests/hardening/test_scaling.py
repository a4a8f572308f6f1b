"""Several web, worker and beat processes: shared state, and scheduled jobs sent once."""

from django.conf import settings
from django.core.cache import caches

from bpo.core.beat import BeatLease


def test_only_one_beat_holds_the_lease_and_another_takes_over_when_it_stops():
    caches["default"].clear()
    first, second = BeatLease(), BeatLease()
    assert first.acquire() and first.acquire()  # renewing its own lease
    assert not second.acquire()
    first.release()
    assert second.acquire() and not first.acquire()
    second.release()


def test_beat_uses_the_leased_scheduler():
    assert settings.CELERY_BEAT_SCHEDULER == "bpo.core.beat:SingleBeatScheduler"


def _settings_under(env):
    """The settings module loaded in a fresh interpreter with `env` added."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'storage': settings.STORAGES['default'], 'session': settings.SESSION_ENGINE, "
        "'cache': settings.CACHES['default']['BACKEND']}))"
    )
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "bpo.settings", "DJANGO_SECRET_KEY": "x" * 50, **env}
    out = subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_object_storage_sessions_and_cache_come_from_the_environment():
    local = _settings_under({"BPO_S3_BUCKET": "", "REDIS_URL": ""})
    assert local["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    shared = _settings_under(
        {"BPO_S3_BUCKET": "bpo-files", "AWS_S3_ENDPOINT_URL": "http://minio:9000", "REDIS_URL": "redis://r:6379/0"}
    )
    assert shared["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert shared["storage"]["OPTIONS"]["bucket_name"] == "bpo-files"
    assert shared["storage"]["OPTIONS"]["endpoint_url"] == "http://minio:9000"
    assert shared["cache"].endswith("RedisCache")
    assert shared["session"] == "django.contrib.sessions.backends.cached_db"


def test_s3_storage_saves_and_reads_through_the_storage_api():
    """The S3 backend builds (boto3 installed); every file access in the code goes through
    the storage API (no `.path`), so the same code works on S3."""
    import pathlib

    from storages.backends.s3 import S3Storage

    storage = S3Storage(bucket_name="bpo-files", endpoint_url="http://127.0.0.1:9", region_name="us-east-1")
    assert storage.bucket_name == "bpo-files"
    root = pathlib.Path(settings.BASE_DIR)
    offenders = []
    for folder in ("bpo", "strategy", "vendors", "contracts", "delivery", "performance", "risk"):
        for source in (root / folder).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            if any(marker in text for marker in (".file.path", "settings.MEDIA_ROOT", "storage.path(")):
                offenders.append(str(source.relative_to(root)))
    offenders = [o for o in offenders if o != "bpo/settings.py"]
    assert not offenders, offenders
