from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "amparo.apps.audit"
    label = "audit"
