from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from amparo.apps.core.access import public
from amparo.apps.core.views import healthz

urlpatterns = [
    path("", include("amparo.apps.core.urls")),
    path("login/", include("amparo.apps.accounts.signin_urls")),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("healthz", public(healthz), name="healthz"),
    path("people/", include("amparo.apps.registry.urls")),
    path("imports/", include("amparo.apps.ingest.urls")),
    path("tokens/", include("amparo.apps.accounts.urls")),
    path("identify/", include("amparo.apps.linkage.urls")),
    path("eligibility/", include("amparo.apps.eligibility.urls")),
    path("elections/", include("amparo.apps.elections.urls")),
    path("interviews/", include("amparo.apps.interviews.urls")),
    path("scheduling/", include("amparo.apps.scheduling.urls")),
    path("notices/", include("amparo.apps.notices.urls")),
    path("returns/", include("amparo.apps.returns.urls")),
    path("reports/", include("amparo.apps.reports.urls")),
    path("lifecycle/", include("amparo.apps.lifecycle.urls")),
    path("api/", include("amparo.apps.api.urls")),
]
