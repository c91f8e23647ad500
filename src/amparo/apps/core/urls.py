from django.urls import path

from amparo.apps.core import views

app_name = "core"
urlpatterns = [path("", views.dashboard, name="dashboard")]
