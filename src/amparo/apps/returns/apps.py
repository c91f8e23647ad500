from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "amparo.apps.returns"
    label = "returns"

    def ready(self) -> None:
        # A parent joining the child's interview by telephone shows on the interview.
        from amparo.apps.returns import signals  # noqa: F401
