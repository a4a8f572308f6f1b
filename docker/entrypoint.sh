#!/bin/sh
# One image, three roles:
#   web     apply migrations (one replica at a time), then serve with gunicorn on :8000
#   worker  the Celery worker        (waits until web has applied the migrations)
#   beat    the Celery beat scheduler (bpo.core.beat: only the holder of a Redis lease sends jobs)
# Anything else is run as given, e.g. `docker-compose run --rm web manage.py createsuperuser`
# runs `python manage.py createsuperuser`.
set -eu

wait_for_migrations() {
    until python manage.py migrate --check >/dev/null 2>&1; do
        echo "waiting for the database migrations (the web service applies them)..."
        sleep 3
    done
}

case "${1:-web}" in
web)
    python manage.py migrate_once  # an advisory lock: replicas starting together take turns
    exec gunicorn bpo.wsgi:application \
        --bind 0.0.0.0:8000 \
        --workers "${GUNICORN_WORKERS:-3}" \
        --worker-tmp-dir /dev/shm \
        --no-control-socket \
        --access-logfile - \
        --timeout "${GUNICORN_TIMEOUT:-60}"
    ;;
worker)
    wait_for_migrations
    exec celery -A bpo worker --loglevel="${CELERY_LOG_LEVEL:-INFO}"
    ;;
beat)
    wait_for_migrations
    exec celery -A bpo beat --loglevel="${CELERY_LOG_LEVEL:-INFO}"
    ;;
manage.py)
    shift
    exec python manage.py "$@"
    ;;
*)
    exec "$@"
    ;;
esac
