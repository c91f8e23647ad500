from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "amparo.apps.ingest"
    label = "ingest"
