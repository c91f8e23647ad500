from django.urls import path

from amparo.apps.lifecycle import views

app_name = "lifecycle"
urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
]
