from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "amparo.apps.returns"
    label = "returns"
