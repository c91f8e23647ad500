"""Production settings pass Django's deployment check with no warning at all, and
refuse to start when a production requirement is missing."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def _production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # Nothing of the test run may leak into the production process.
        if not key.startswith(("AMPARO_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "amparo.settings",
            "PYTHONPATH": str(SRC),
            "AMPARO_VAR_DIR": str(tmp_path / "var"),
            "AMPARO_PRODUCTION": "1",
            "AMPARO_SECRET_KEY": secrets.token_urlsafe(64),
            "AMPARO_ALLOWED_HOSTS": "amparo.example.org",
            "AMPARO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "AMPARO_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        }
    )
    env.update(overrides)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_deploy_check_is_clean_with_production_settings(tmp_path: Path) -> None:
    done = _run(
        ["-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        _production_env(tmp_path),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNING" not in done.stdout + done.stderr


def test_production_settings_turn_on_https_everywhere(tmp_path: Path) -> None:
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)"
    )
    done = _run(["-c", script], _production_env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ]


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"AMPARO_SECRET_KEY": ""}, "AMPARO_SECRET_KEY"),
        ({"AMPARO_SECRET_KEY": "short-and-guessable"}, "AMPARO_SECRET_KEY"),
        ({"AMPARO_DEBUG": "1"}, "AMPARO_DEBUG"),
        ({"AMPARO_ALLOWED_HOSTS": ""}, "AMPARO_ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_its_requirements(
    tmp_path: Path, overrides: dict[str, str], complaint: str
) -> None:
    done = _run(["-m", "django", "check"], _production_env(tmp_path, **overrides))
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert complaint in done.stderr


def test_without_production_the_development_defaults_stay(tmp_path: Path) -> None:
    """The deploy check does warn on the local defaults: the test above is not clean
    because the check has nothing to say."""
    done = _run(
        ["-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        _production_env(tmp_path, AMPARO_PRODUCTION="0"),
    )
    assert done.returncode != 0
    assert "security.W008" in done.stderr + done.stdout
