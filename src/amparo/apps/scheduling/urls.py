from django.urls import path

from amparo.apps.scheduling import views

app_name = "scheduling"
urlpatterns = [
    path("", views.home, name="home"),
    path("runs/<uuid:public_id>/", views.run_detail, name="run_detail"),
    path("runs/<uuid:public_id>/status", views.run_status, name="run_status"),
    path("runs/<uuid:public_id>/publish", views.run_publish, name="run_publish"),
    path("runs/<uuid:public_id>/discard", views.run_discard, name="run_discard"),
    path("resources/", views.resources, name="resources"),
    path("resources/<str:kind>/new", views.resource_edit, name="resource_new"),
    path("resources/<str:kind>/<str:key>/", views.resource_edit, name="resource_edit"),
    path("calendars/", views.calendars, name="calendars"),
    path("calendars/mine.ics", views.calendar_mine, name="calendar_mine"),
    path("calendars/officer/<int:pk>.ics", views.calendar_officer, name="calendar_officer"),
    path(
        "calendars/interpreter/<uuid:public_id>.ics",
        views.calendar_interpreter,
        name="calendar_interpreter",
    ),
    path(
        "calendars/counsel/<int:pk>.ics", views.calendar_organisation, name="calendar_organisation"
    ),
]
