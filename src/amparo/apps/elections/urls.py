from django.urls import path

from amparo.apps.elections import views

app_name = "elections"
urlpatterns = [
    path("", views.election_inbox, name="election_inbox"),
    path("person/<uuid:public_id>/new", views.election_new, name="election_new"),
    path("<uuid:public_id>/", views.election_detail, name="election_detail"),
    path("<uuid:public_id>/scan", views.election_scan, name="election_scan"),
]
