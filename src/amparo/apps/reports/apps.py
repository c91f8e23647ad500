from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "amparo.apps.reports"
    label = "reports"
