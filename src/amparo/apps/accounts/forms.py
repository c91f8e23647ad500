"""The sign-in's forms: the password step, the code step, and an administrator's
reset of an authenticator."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SignInForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), max_length=4096, strip=False)


class CodeForm(forms.Form):
    # Longer than six so that a code typed with spaces ("123 456") still arrives.
    code = forms.CharField(label=_("Six-digit code"), max_length=12)


class TwoFactorResetForm(forms.Form):
    reason = forms.CharField(label=_("Why (for the audit log)"), max_length=300)
