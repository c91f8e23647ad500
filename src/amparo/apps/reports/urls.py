from django.urls import path

from amparo.apps.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("<uuid:public_id>/", views.report, name="report"),
    path("<uuid:public_id>/<slug:case>.<slug:fmt>", views.download, name="download"),
]
