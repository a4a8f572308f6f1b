"""One env-driven settings file.

With no environment at all the app runs for development on SQLite, with Celery on a
filesystem broker (no Redis) and e-mail printed to the console. An operator sets
`DATABASE_URL`, `REDIS_URL`, `DJANGO_SECRET_KEY`, `DJANGO_ALLOWED_HOSTS` and
`DJANGO_DEBUG=false` for production; the defaults of the security settings then pass
`manage.py check --deploy`.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The development key is refused outside DEBUG: production must set its own.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key" if DEBUG else None)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for development).")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
VAR_DIR = Path(env("BPO_VAR_DIR", default=str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "drf_standardized_errors",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "axes",
    "auditlog",
    "csp",
    "bpo.core",
    "bpo.accounts",
    "bpo.portal",
    "bpo.reports",
    "strategy",
    "vendors",
    "contracts",
    "delivery",
    "performance",
    "risk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bpo.core.middleware.UserLanguageMiddleware",
    "bpo.core.middleware.DoorMiddleware",
    "bpo.core.middleware.HomeFiguresMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, so that a lockout answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bpo.urls"
WSGI_APPLICATION = "bpo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "bpo.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database: SQLite by default, PostgreSQL (or any) through DATABASE_URL -------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend, except that an amount just under its field's limit is read back
    # instead of failing (bpo/core/sqlite3/base.py).
    DATABASES["default"]["ENGINE"] = "bpo.core.sqlite3"
    # The web server, the worker and beat share the file: wait for locks instead of failing,
    # and take the write lock at the start of a transaction so two writers never deadlock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Covering indexes (Index(include=...)) serve PostgreSQL; SQLite ignores the extra columns,
    # which is fine for development, so `make run` does not warn about it on every start.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions in the database, read through the shared cache: any replica serves any user.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Users, login and passwords ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PORTAL_LOGIN_URL = "portal:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # an invitation link stays valid for three days

# Five failed logins for the same account from the same address lock it for 30 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# --- Sessions, cookies, transport security ---------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes inside the cluster speak plain HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline scripts anywhere: every script is a file under static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Languages --------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env("DJANGO_TIME_ZONE", default="UTC")
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env.bool("BPO_PLAIN_STATIC", default=False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded files: S3-compatible object storage when BPO_S3_BUCKET is set (AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY, AWS_S3_ENDPOINT_URL for MinIO/Ceph/OSS, AWS_S3_REGION_NAME), so every
# web and worker replica sees the same files; otherwise MEDIA_ROOT on the local disk (outside
# the web root, served by nobody: downloads go through permission-checked views).
BPO_S3_BUCKET = env("BPO_S3_BUCKET", default="")
if BPO_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BPO_S3_BUCKET,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            "location": env("BPO_S3_PREFIX", default=""),
            "default_acl": None,  # the bucket's own (private) policy
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Every upload goes through bpo.core.uploads.validate_upload.
BPO_UPLOAD_MAX_MB = env.int("BPO_UPLOAD_MAX_MB", default=20)
BPO_UPLOAD_MAX_UNZIPPED_MB = env.int("BPO_UPLOAD_MAX_UNZIPPED_MB", default=200)
# Simplified Chinese amounts grouped by thousands (bpo/formats/zh_Hans).
FORMAT_MODULE_PATH = ["bpo.formats"]
# The home page keeps its computed figures this long per user and language (0: always computes).
HOME_CACHE_SECONDS = env.int("BPO_HOME_CACHE_SECONDS", default=60)
# A portal measurements CSV with more data rows than this is checked and saved by a Celery task,
# followed on its own page (delivery/imports.py); smaller files in the web request.
MEASUREMENT_IMPORT_ASYNC_ROWS = env.int("MEASUREMENT_IMPORT_ASYNC_ROWS", default=5000)
# List pages and API lists count their rows up to this many ("more than 1,000 results", `count_capped`
# in the API; 0: always count all). Counting past it costs milliseconds on every view of a large list.
LIST_COUNT_CAP = env.int("BPO_LIST_COUNT_CAP", default=1000)

# --- E-mail -----------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="BPO Program Office <noreply@bpo.local>")
SITE_URL = env("BPO_SITE_URL", default="http://127.0.0.1:8000")

# --- API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first, so an anonymous call gets 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["bpo.core.drf.ActionPermission"],
    "DEFAULT_PAGINATION_CLASS": "bpo.core.drf.Pagination",
    # JSON only: DRF's browsable pages need inline scripts and styles, which the CSP forbids;
    # Swagger UI at /api/docs/ is the way to explore the API in a browser.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # DRF's three, with a JSON parser whose "not valid JSON" is in the caller's language.
    "DEFAULT_PARSER_CLASSES": [
        "bpo.core.drf.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["bpo.core.filters.ScopedFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "bpo.core.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
DRF_STANDARDIZED_ERRORS = {
    "ENABLE_IN_DEBUG_FOR_UNHANDLED_EXCEPTIONS": True,
    # An oversized body is 413, not 500 (bpo.core.api_errors.ExceptionHandler).
    "EXCEPTION_HANDLER_CLASS": "bpo.core.api_errors.ExceptionHandler",
    # An error about the whole request has `attr` null, whoever raised it.
    "EXCEPTION_FORMATTER_CLASS": "bpo.core.api_errors.ExceptionFormatter",
}
REST_KNOX = {"TOKEN_TTL": None, "AUTO_REFRESH": False}
SPECTACULAR_SETTINGS = {
    "TITLE": "BPO Program Office API",
    "DESCRIPTION": "Programs, vendors and the outsourcing lifecycle. Authenticate with a session "
    "or with `Authorization: Token <key>` (staff create a token on their profile page, vendor users in the portal: *API tokens*).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # One schema name per choice set: a set used by several fields (or a field name such as
    # `kind` used with several sets) is named here, so the schema has no ambiguous enums.
    "ENUM_NAME_OVERRIDES": {
        "StakeholderLevelEnum": "strategy.choices.Level",
        "RiskLevelEnum": "risk.choices.Level",
        "PeriodKindEnum": "contracts.choices.PeriodKind",
        "ReviewKindEnum": "contracts.choices.ReviewKind",
        "ServiceLevelKindEnum": "contracts.choices.ServiceLevelKind",
        "DisputeLevelEnum": "contracts.choices.DisputeLevel",
        "DiligenceKindEnum": "vendors.choices.DiligenceKind",
        "EventKindEnum": "vendors.choices.EventKind",
        "DocumentKindEnum": "vendors.choices.DocumentKind",
        "RagEnum": "delivery.choices_plan.Rag",
        "StatusReportStatusEnum": "delivery.choices_plan.ReportStatus",
        "ActionItemStatusEnum": "delivery.choices_engagement.ActionItemStatus",
        "SessionStatusEnum": "delivery.choices_engagement.SessionStatus",
        "SupportStatusEnum": "delivery.choices_engagement.SupportStatus",
        "CourseCategoryEnum": "delivery.choices_engagement.CourseCategory",
        "SupportCategoryEnum": "delivery.choices_engagement.SupportCategory",
        "ValidationErrorEnum": "drf_standardized_errors.openapi_serializers.ValidationErrorEnum.choices",
        "ClientErrorEnum": "drf_standardized_errors.openapi_serializers.ClientErrorEnum.choices",
        "ServerErrorEnum": "drf_standardized_errors.openapi_serializers.ServerErrorEnum.choices",
        "ErrorCode401Enum": "drf_standardized_errors.openapi_serializers.ErrorCode401Enum.choices",
        "ErrorCode403Enum": "drf_standardized_errors.openapi_serializers.ErrorCode403Enum.choices",
        "ErrorCode404Enum": "drf_standardized_errors.openapi_serializers.ErrorCode404Enum.choices",
        "ErrorCode405Enum": "drf_standardized_errors.openapi_serializers.ErrorCode405Enum.choices",
        "ErrorCode406Enum": "drf_standardized_errors.openapi_serializers.ErrorCode406Enum.choices",
        "ErrorCode415Enum": "drf_standardized_errors.openapi_serializers.ErrorCode415Enum.choices",
        "ErrorCode429Enum": "drf_standardized_errors.openapi_serializers.ErrorCode429Enum.choices",
        "ErrorCode500Enum": "drf_standardized_errors.openapi_serializers.ErrorCode500Enum.choices",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_standardized_errors.openapi_hooks.postprocess_schema_enums",
        "bpo.core.openapi.blank_allowed_as_any_of",
        # Request bodies are closed objects: an unknown field is refused (bpo.core.drf).
        "bpo.core.openapi.closed_request_bodies",
    ],
}

# --- Celery -----------------------------------------------------------------------------
# With REDIS_URL: Redis is the broker. Without it (make run): a filesystem broker in var/,
# so the real worker and beat still run, with no service to install.
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # A task taken by a worker that dies (acks_late) is delivered again once this many seconds
    # have passed since it was taken: keep it above the longest task (the fault test shortens it).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
else:
    _queue = VAR_DIR / "celery-queue"
    for _folder in (_queue, VAR_DIR / "celery-processed", VAR_DIR / "celery-control"):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        # the exchange tables (kombu's default is ./control, in whatever directory the worker starts)
        "control_folder": str(VAR_DIR / "celery-control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# The database scheduler behind a leader lease in the cache: however many beat processes
# start, only one sends the scheduled jobs (bpo/core/beat.py).
CELERY_BEAT_SCHEDULER = "bpo.core.beat:SingleBeatScheduler"
HEARTBEAT_INTERVAL_SECONDS = 60
# /healthz calls the heartbeat stale after this many seconds without one.
HEARTBEAT_STALE_SECONDS = env.int("BPO_HEARTBEAT_STALE_SECONDS", default=180)

# --- Audit history ----------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- Demo -------------------------------------------------------------------------------
# load_demo creates users with published passwords; it refuses to run unless this is on.
# By default only in development on the embedded SQLite database: against a server database
# (DATABASE_URL) the operator must say BPO_DEMO_ALLOWED=true, even in DEBUG.
BPO_DEMO_ALLOWED = env.bool("BPO_DEMO_ALLOWED", default=DEBUG and DATABASES["default"]["ENGINE"] == "bpo.core.sqlite3")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Django's own logger prints through the console handler once (its default setup adds a
        # second console handler in development, which printed every 4xx twice).
        "django": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO"), "propagate": False},
    },
}
