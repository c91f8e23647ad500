from django.urls import path

from amparo.apps.ingest import views

app_name = "ingest"
urlpatterns = [
    path("", views.batch_list, name="batch_list"),
    path("<uuid:public_id>/", views.batch_detail, name="batch_detail"),
    path("<uuid:public_id>/progress", views.batch_progress, name="batch_progress"),
    path("<uuid:public_id>/row-report.csv", views.batch_issues_csv, name="batch_issues_csv"),
]
