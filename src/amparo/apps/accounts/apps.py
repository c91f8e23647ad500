from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "amparo.apps.accounts"
    label = "accounts"
