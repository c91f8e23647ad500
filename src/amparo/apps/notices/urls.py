from django.urls import path

from amparo.apps.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<uuid:public_id>/", views.notice_detail, name="notice_detail"),
    path("<uuid:public_id>/pdf", views.notice_pdf, name="notice_pdf"),
]
