from django.urls import path

from amparo.apps.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.token_list, name="token_list"),
    path("<int:token_id>/revoke", views.token_revoke, name="token_revoke"),
]
