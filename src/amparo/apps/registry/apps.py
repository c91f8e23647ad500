from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "amparo.apps.registry"
    label = "registry"
