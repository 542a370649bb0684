"""/api/v1/: Dutch resource names in kebab-case, no trailing slash (one is a 404, no redirect)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import views
from .errors import not_found

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("raadsvoorstellen", views.RaadsvoorstelViewSet, basename="raadsvoorstel")
router.register("netwerken", views.NetwerkViewSet, basename="netwerk")
router.register("inspanningen", views.InspanningViewSet, basename="inspanning")
router.register("themas", views.ThemaViewSet, basename="thema")
router.register("partnersteden", views.PartnerstadViewSet, basename="partnerstad")
router.register("begrotingsregels", views.BegrotingsregelViewSet, basename="begrotingsregel")
router.register("evenementen", views.EvenementViewSet, basename="evenement")
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("informatieobjecten", views.InformatieobjectViewSet, basename="informatieobject")
router.register("besluiten", views.BesluitViewSet, basename="besluit")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    *router.urls,
    re_path(r"^.*$", not_found),
]
