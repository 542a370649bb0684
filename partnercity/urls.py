from django.urls import path

from . import views

app_name = "partnercity"

urlpatterns = [
    path("partnerstad/", views.PartnerCityListView.as_view(), name="partnercity-list"),
    path(
        "partnerstad/<slug:slug>/",
        views.PartnerCityDetailView.as_view(),
        name="partnercity-detail",
    ),
]
