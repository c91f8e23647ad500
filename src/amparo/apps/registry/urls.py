from django.urls import path

from amparo.apps.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("<uuid:public_id>/", views.person_detail, name="person_detail"),
]
