from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "amparo.apps.linkage"
    label = "linkage"
