from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "amparo.apps.elections"
    label = "elections"
