from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.apps.accounts.forms import TwoFactorResetForm
from amparo.apps.accounts.models import User
from amparo.apps.accounts.selectors import (
    token_get_for_user,
    tokens_of,
    two_factor_user_get,
    two_factor_users,
)
from amparo.apps.accounts.services import api_token_create, api_token_revoke, totp_device_reset


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Token name"), max_length=100)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_http_methods(["GET", "POST"])
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = api_token_create(actor=user, name=form.cleaned_data["name"])
        form = TokenForm()
    return render(
        request,
        "accounts/token_list.html",
        {"form": form, "tokens": tokens_of(user), "new_key": new_key},
    )


@require_POST
@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = _user(request)
    token = token_get_for_user(user=user, token_id=token_id)
    api_token_revoke(actor=user, token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:token_list")


@require_GET
@login_required
@permission_required("accounts.reset_two_factor", raise_exception=True)
def two_factor_list(request: HttpRequest) -> HttpResponse:
    """Who signs in with a code, and whether their authenticator is enrolled."""
    return render(
        request,
        "accounts/two_factor_list.html",
        {"users": two_factor_users(), "form": TwoFactorResetForm()},
    )


@require_POST
@login_required
@permission_required("accounts.reset_two_factor", raise_exception=True)
def two_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    target = two_factor_user_get(user_id=user_id)
    form = TwoFactorResetForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the authenticator is reset."))
    elif totp_device_reset(actor=_user(request), user=target, reason=form.cleaned_data["reason"]):
        messages.success(
            request,
            _("%(username)s enrols a new authenticator at their next sign-in.")
            % {"username": target.username},
        )
    else:
        messages.info(
            request, _("%(username)s had no authenticator.") % {"username": target.username}
        )
    return redirect("accounts:two_factor_list")
