from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "amparo.apps.notices"
    label = "notices"
