from django.urls import path

from amparo.apps.interviews import views

app_name = "interviews"
urlpatterns = [
    path("", views.docket, name="docket"),
    path("review/", views.review_queue, name="review_queue"),
    path("clients/", views.clients, name="clients"),
    path("person/<uuid:public_id>/request", views.interview_request, name="interview_request"),
    path("<uuid:public_id>/", views.interview_detail, name="interview_detail"),
    path("<uuid:public_id>/pdf", views.interview_pdf, name="interview_pdf"),
    path("<uuid:public_id>/worksheet/<str:kind>/", views.worksheet_edit, name="worksheet_edit"),
    path("<uuid:public_id>/<str:action>", views.interview_action, name="interview_action"),
]
