from django.urls import path

from amparo.apps.notices import public, views

app_name = "notices"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("members/", public.home, name="public_home"),
    path("members/screener", public.screener, name="public_screener"),
    path("members/objection", public.objection, name="public_objection"),
    path("<uuid:public_id>/", views.notice_detail, name="notice_detail"),
    path("<uuid:public_id>/pdf", views.notice_pdf, name="notice_pdf"),
]
