from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "amparo.apps.api"
    label = "api"
