from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "amparo.apps.eligibility"
    label = "eligibility"
