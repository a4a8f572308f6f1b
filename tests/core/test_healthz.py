"""/healthz: database, broker and the scheduler's heartbeat; 503 when any is down."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from bpo.core import tasks
from bpo.core.models import Heartbeat


def _probe():
    response = Client().get("/healthz")
    return response, response.json()


def test_healthz_is_503_without_a_heartbeat(db):
    response, body = _probe()
    assert response.status_code == 503
    assert body["status"] == "down"
    assert body["checks"]["heartbeat"] == {"ok": False, "last_seen": None}


def test_healthz_is_200_after_the_heartbeat_task_runs(db):
    tasks.heartbeat()
    response, body = _probe()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert body["checks"]["heartbeat"]["ok"] is True


def test_healthz_is_503_when_the_heartbeat_is_stale(db):
    tasks.heartbeat()
    stale = timezone.now() - timedelta(seconds=settings.HEARTBEAT_STALE_SECONDS + 30)
    Heartbeat.objects.filter(name="celery").update(last_seen=stale)
    response, body = _probe()
    assert response.status_code == 503
    assert body["checks"]["heartbeat"]["ok"] is False
    assert body["checks"]["heartbeat"]["age_seconds"] >= settings.HEARTBEAT_STALE_SECONDS
    # database and broker are still fine: only the heartbeat is blamed
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is True


def test_healthz_follows_the_stale_setting(db, settings):
    tasks.heartbeat()
    Heartbeat.objects.filter(name="celery").update(last_seen=timezone.now() - timedelta(seconds=100))
    settings.HEARTBEAT_STALE_SECONDS = 60
    assert _probe()[0].status_code == 503
    settings.HEARTBEAT_STALE_SECONDS = 300
    assert _probe()[0].status_code == 200


def test_running_the_heartbeat_twice_keeps_one_row(db):
    tasks.heartbeat()
    tasks.heartbeat()
    assert Heartbeat.objects.filter(name="celery").count() == 1


def test_healthz_json_has_database_broker_and_heartbeat(db):
    tasks.heartbeat()
    response, body = _probe()
    assert response["Content-Type"].startswith("application/json")
    assert set(body) == {"status", "checks"}
    assert set(body["checks"]) == {"database", "broker", "heartbeat"}
    assert all(isinstance(check["ok"], bool) for check in body["checks"].values())
    assert {"last_seen", "age_seconds"} <= set(body["checks"]["heartbeat"])


def test_healthz_is_not_cached(db):
    response, _ = _probe()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_reports_a_broken_broker_as_503(db, monkeypatch):
    from bpo.celery import app

    tasks.heartbeat()

    def broken(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(app, "connection_for_write", broken)
    response, body = _probe()
    assert response.status_code == 503
    assert body["checks"]["broker"] == {"ok": False, "error": "ConnectionError"}


@pytest.mark.parametrize("role", ["vendor_x_admin", "manager"])
def test_healthz_answers_signed_in_users_of_either_door(cast, role):
    tasks.heartbeat()
    client = Client()
    client.force_login(getattr(cast, role))
    assert client.get("/healthz").status_code == 200
