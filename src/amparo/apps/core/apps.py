from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "amparo.apps.core"
    label = "core"
    verbose_name = "Core"
