from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "amparo.apps.scheduling"
    label = "scheduling"

    def ready(self) -> None:
        # A no-show or a cancellation asks for a re-plan (signals.py).
        from amparo.apps.scheduling import signals  # noqa: F401
