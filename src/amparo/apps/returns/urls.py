from django.urls import path

from amparo.apps.returns import partner_views, views

app_name = "returns"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("measures/", views.measures, name="measures"),
    path("motions/", views.motion_list, name="motion_list"),
    path("motions/<uuid:public_id>/", views.motion_detail, name="motion_detail"),
    path("partner/", partner_views.partner_home, name="partner_home"),
    path("partner/<uuid:public_id>/", partner_views.partner_case, name="partner_case"),
    path("<uuid:public_id>/", views.case_detail, name="case_detail"),
    path("<uuid:public_id>/do/<slug:action>", views.case_action, name="case_action"),
    path("<uuid:public_id>/consents/<int:pk>/scan", views.consent_scan, name="consent_scan"),
    path("<uuid:public_id>/evidence/<int:pk>", views.evidence_file, name="evidence_file"),
]
