from django.urls import path

from amparo.apps.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.token_list, name="token_list"),
    path("<int:token_id>/revoke", views.token_revoke, name="token_revoke"),
    # An administrator's page: whose authenticator is enrolled, and a reset.
    path("two-factor/", views.two_factor_list, name="two_factor_list"),
    path("two-factor/<int:user_id>/reset", views.two_factor_reset, name="two_factor_reset"),
]
