# The production image: gunicorn serves the app; the same image runs the Celery worker and beat.
#   docker build -t bpo .        then see docker-compose.yml
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # Import the project from /app (not the copy `pip install .` puts in site-packages), so
    # BASE_DIR finds templates/, static/ and locale/ next to the code.
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=bpo.settings \
    DJANGO_DEBUG=false \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    BPO_VAR_DIR=/app/var

# WeasyPrint's runtime libraries, CJK fonts for Chinese PDFs, gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, in their own layer: a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
RUN pip install --no-deps . \
    && rm -rf build *.egg-info

# Build-time only: settings refuse to load without a key; this one never reaches a container.
RUN DJANGO_SECRET_KEY=build-time-only-not-a-secret python manage.py compilemessages --ignore=.venv -v0 \
    && DJANGO_SECRET_KEY=build-time-only-not-a-secret python manage.py collectstatic --noinput -v0 \
    && rm -rf /app/var

RUN useradd --system --uid 10001 --home-dir /app --no-create-home bpo \
    && mkdir -p /app/var/media \
    && chown -R bpo:bpo /app/var \
    && chmod +x /app/docker/entrypoint.sh
USER bpo

EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
