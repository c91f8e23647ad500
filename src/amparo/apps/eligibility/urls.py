from django.urls import path

from amparo.apps.eligibility import views

app_name = "eligibility"
urlpatterns = [
    path("roster/", views.roster_index, name="roster_index"),
    path("roster/<str:case_code>/", views.roster, name="roster"),
    path("roster/<str:case_code>/export.csv", views.roster_export, name="roster_export"),
    path("court/", views.court, name="court"),
    path("person/<uuid:public_id>/fact/", views.record_fact, name="record_fact"),
]
