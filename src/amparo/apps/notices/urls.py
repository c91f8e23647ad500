from django.urls import path

from amparo.apps.notices import objection_views, public, views

app_name = "notices"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("members/", public.home, name="public_home"),
    path("members/screener", public.screener, name="public_screener"),
    path("members/objection", public.objection, name="public_objection"),
    path("objections/", objection_views.objection_list, name="objection_list"),
    path("objections/paper", objection_views.objection_paper, name="objection_paper"),
    path("objections/packet.pdf", objection_views.packet_pdf, name="packet_pdf"),
    path("objections/<str:receipt>/", objection_views.objection_detail, name="objection_detail"),
    path("<uuid:public_id>/", views.notice_detail, name="notice_detail"),
    path("<uuid:public_id>/pdf", views.notice_pdf, name="notice_pdf"),
]
