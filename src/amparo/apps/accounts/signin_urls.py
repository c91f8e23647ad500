"""The sign-in's steps, under login/: public, since nobody is logged in yet. No
namespace, so the password step keeps the name Django's LOGIN_URL uses."""

from django.urls import path

from amparo.apps.accounts import signin_views
from amparo.apps.core.access import public

urlpatterns = [
    path("", public(signin_views.sign_in), name="login"),
    path("code/", public(signin_views.sign_in_code), name="login_code"),
    path("enrol/", public(signin_views.sign_in_enrol), name="login_enrol"),
]
