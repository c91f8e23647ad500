from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "amparo.apps.interviews"
    label = "interviews"
