"""The one settings module, driven by environment variables.

Nothing set: an embedded SQLite database in WAL mode under ./var, debug off
unless AMPARO_DEBUG=1. Every helper fails loudly on a bad value, so that a typo
in production configuration stops the process instead of running with a default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("AMPARO_VAR_DIR", Path.cwd() / "var")).resolve()


def env_str(name: str, default: str) -> str:
    """A string from NAME, or from the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false)")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer") from None


def database_from_url(url: str) -> dict[str, Any]:
    """Django DATABASES entry for sqlite:///path or postgres://user:pw@host:port/name."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path
        raw_path = unquote(parsed.path)
        if not raw_path or raw_path == "/":
            raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no SQLite file")
        path = (
            raw_path[1:] if raw_path.startswith("/") and not raw_path.startswith("//") else raw_path
        )
        return sqlite_database(Path(path))
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parsed.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no database")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
            "TEST": {"NAME": f"test_{name}"},
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parsed.scheme!r} is not supported (use sqlite:/// or postgres://)"
    )


def sqlite_database(path: Path) -> dict[str, Any]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # WAL lets the web process read while the task worker writes.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        "TEST": {"NAME": str(path.with_name(f"test_{path.name}"))},
    }


DEBUG = env_bool("AMPARO_DEBUG", default=False)
TESTING = env_bool("AMPARO_TESTING", default=False)
SECRET_KEY = env_str("AMPARO_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING or env_bool("AMPARO_LOCAL", default=True)):
        raise ImproperlyConfigured("AMPARO_SECRET_KEY must be set outside local use")
    # Local-only key: the default install serves 127.0.0.1 and nothing else.
    SECRET_KEY = "amparo-local-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = [
    h.strip() for h in env_str("AMPARO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in env_str("AMPARO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

_database_url = os.environ.get("DATABASE_URL", "").strip()
DATABASES = {
    "default": database_from_url(_database_url)
    if _database_url
    else sqlite_database(VAR_DIR / "amparo.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",
    "django_tasks_db",
    "amparo.apps.core",
    "amparo.apps.accounts",
    "amparo.apps.audit",
    "amparo.apps.registry",
    "amparo.apps.ingest",
    "amparo.apps.linkage",
    "amparo.apps.eligibility",
    "amparo.apps.elections",
    "amparo.apps.interviews",
    "amparo.apps.scheduling",
    "amparo.apps.notices",
    "amparo.apps.returns",
    "amparo.apps.reports",
    "amparo.apps.lifecycle",
    "amparo.apps.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages (it says why it signed the user out).
    "amparo.apps.core.middleware.SessionExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "amparo.apps.core.middleware.DatabaseBusyMiddleware",
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "login"

ROOT_URLCONF = "amparo.urls"
WSGI_APPLICATION = "amparo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amparo.apps.interviews.context.interview_nav",
                "amparo.apps.scheduling.context.scheduling_nav",
                "amparo.apps.notices.context.notices_nav",
                "amparo.apps.returns.context.returns_nav",
                "amparo.apps.reports.context.reports_nav",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Argon2id first: new passwords are stored with it, and a password stored with one of
# the others is rehashed with it at the next sign-in.
DEPLOYED_PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
PASSWORD_HASHERS = DEPLOYED_PASSWORD_HASHERS
if TESTING:
    # Speed; tests/apps/test_authentication.py runs the deployed list on purpose.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise warns at every start when the folder is missing; collectstatic fills it.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed manifests break tests and the first local run; plain storage
        # with WhiteNoise serving from the app directories is enough here.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
WHITENOISE_USE_FINDERS = True
# Front-end packages come from npm (package.json); `make` installs them.
NODE_MODULES = Path(os.environ.get("AMPARO_NODE_MODULES", BASE_DIR.parent.parent / "node_modules"))
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / relative)
    for prefix, relative in (("uswds", "@uswds/uswds/dist"), ("htmx", "htmx.org/dist"))
    if (NODE_MODULES / relative).is_dir()
]
CACHES = (
    {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if TESTING
    else {
        "default": {
            # File-based so the web process and the task worker see the same
            # import progress without another service.
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
)
MEDIA_ROOT = VAR_DIR / "media"

# Uploaded extracts: 100,000-row files run to tens of megabytes; each file of
# a batch is read into memory, so one file is capped.
# How long before a settlement interview counsel of record must be told (issue 5).
AMPARO_COUNSEL_NOTICE_HOURS = env_int("AMPARO_COUNSEL_NOTICE_HOURS", 48)
# The scheduler's working day (issue 6): whole-hour slots from the first hour, and how
# many; an interview's due date, counted from its request; the time limit of an
# automatic re-plan after a no-show or a cancellation.
AMPARO_SCHEDULE_FIRST_HOUR = env_int("AMPARO_SCHEDULE_FIRST_HOUR", 8)
AMPARO_SCHEDULE_SLOTS = env_int("AMPARO_SCHEDULE_SLOTS", 8)
AMPARO_INTERVIEW_DUE_DAYS = env_int("AMPARO_INTERVIEW_DUE_DAYS", 14)
AMPARO_REPLAN_SECONDS = env_int("AMPARO_REPLAN_SECONDS", 10)
# Class notice (issue 7): the folder of the written notice's translations, one JSON
# file a language (empty: the catalogue shipped with the notices app).
AMPARO_NOTICE_CATALOGUE_DIR = env_str("AMPARO_NOTICE_CATALOGUE_DIR", "")
# Objections one address may send through the public form in an hour.
AMPARO_OBJECTIONS_PER_HOUR = env_int("AMPARO_OBJECTIONS_PER_HOUR", 5)
# Mail to counsel: printed to the console unless a backend is configured.
MAILERS = {
    "default": {
        "BACKEND": env_str("AMPARO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    }
}
# Where links in mail point (mail is read outside the app).
AMPARO_BASE_URL = env_str("AMPARO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env_str("AMPARO_FROM_EMAIL", "amparo@localhost")
AMPARO_MAX_EXTRACT_BYTES = env_int("AMPARO_MAX_EXTRACT_BYTES", 200 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("AMPARO_UPLOAD_MAX_BYTES", 200 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if env_bool("AMPARO_TASKS_IMMEDIATE", default=TESTING)
        else "django_tasks_db.DatabaseBackend",
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The absolute lifetime of a signed-in session, however busy (SessionExpiryMiddleware),
# and the cookie ends with the browser too.
SESSION_COOKIE_AGE = env_int("AMPARO_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = env_bool("AMPARO_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Signed out after this long without a request (SessionExpiryMiddleware).
AMPARO_SESSION_IDLE_SECONDS = env_int("AMPARO_SESSION_IDLE_SECONDS", 30 * 60)
# Sign-in pauses (accounts.throttle): at most this many failed password or code attempts
# for one username, and from one client address (an office behind one address has many
# people typing), in any AMPARO_SIGN_IN_PAUSE_SECONDS.
AMPARO_SIGN_IN_FAILURES_PER_USERNAME = env_int("AMPARO_SIGN_IN_FAILURES_PER_USERNAME", 5)
AMPARO_SIGN_IN_FAILURES_PER_ADDRESS = env_int("AMPARO_SIGN_IN_FAILURES_PER_ADDRESS", 20)
AMPARO_SIGN_IN_PAUSE_SECONDS = env_int("AMPARO_SIGN_IN_PAUSE_SECONDS", 15 * 60)
# Behind a reverse proxy every request comes from the proxy: name the header it sets
# with the client's address (X-Forwarded-For: its last entry, the one the proxy added;
# or X-Real-IP). Empty: the connection's own address. Only set it when the proxy always
# sets that header, or anyone could choose their address.
AMPARO_CLIENT_ADDRESS_HEADER = env_str("AMPARO_CLIENT_ADDRESS_HEADER", "").strip()
# The sign-in's code step shows the current code of a demo account's authenticator
# (made by `amparo demo`), so a newcomer can walk in: on a local install only.
AMPARO_DEMO_CODES_SHOWN = env_bool(
    "AMPARO_DEMO_CODES_SHOWN",
    default=env_bool("AMPARO_LOCAL", default=True)
    and not env_bool("AMPARO_PRODUCTION", default=False),
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("AMPARO_LOG_LEVEL", "WARNING")},
}

# ---------------------------------------------------------------------------
# Hostile input (issue 10): the content security policy and production mode.
# One section, so that the rest of this file can change around it.
# ---------------------------------------------------------------------------

# Every script and stylesheet is a file served by the app itself: no inline script,
# no inline style, no eval (htmx is told not to evaluate anything, base.html), no
# plugin, no <base> rewriting, no framing and no form posting elsewhere. A page that
# needs an exception must say so with django.views.decorators.csp.csp_override.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# AMPARO_PRODUCTION=1: served over HTTPS to the world. The settings then refuse to
# start with debug on, without a real secret key or without the hosts named, and turn
# on everything `manage.py check --deploy` asks for (tests/apps/test_deploy_check.py).
PRODUCTION = env_bool("AMPARO_PRODUCTION", default=False)
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("AMPARO_DEBUG must be off when AMPARO_PRODUCTION=1")
    # Django's own floor for a secret key: 50 characters, 5 of them different.
    if not env_str("AMPARO_SECRET_KEY", "") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "AMPARO_SECRET_KEY (or AMPARO_SECRET_KEY_FILE) must hold a random key of at "
            "least 50 characters when AMPARO_PRODUCTION=1"
        )
    if not os.environ.get("AMPARO_ALLOWED_HOSTS", "").strip():
        raise ImproperlyConfigured("AMPARO_ALLOWED_HOSTS must name the served hosts")
    SECURE_SSL_REDIRECT = True
    # A year, the subdomains too, and eligible for the browsers' preload list: once a
    # browser has seen the site it never speaks plain HTTP to it. An operator who
    # cannot commit the whole domain turns the last two off (check --deploy then warns).
    SECURE_HSTS_SECONDS = env_int("AMPARO_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("AMPARO_HSTS_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("AMPARO_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Behind a TLS-terminating proxy, the header it sets to say the request came over
    # HTTPS (e.g. X-Forwarded-Proto). Only trust it when the proxy always sets it.
    _proxy_header = env_str("AMPARO_PROXY_SSL_HEADER", "").strip()
    if _proxy_header:
        SECURE_PROXY_SSL_HEADER = (
            "HTTP_" + _proxy_header.upper().replace("-", "_"),
            "https",
        )
