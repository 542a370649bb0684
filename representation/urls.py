from django.urls import path

from . import views

app_name = "representation"

urlpatterns = [
    path("vertegenwoordiging/", views.MandateListView.as_view(), name="mandate-list"),
    path("vertegenwoordiging/nieuw/", views.MandateCreateView.as_view(), name="mandate-create"),
    path(
        "vertegenwoordiging/<int:pk>/wijzigen/",
        views.MandateUpdateView.as_view(),
        name="mandate-edit",
    ),
    path("reizen/", views.TripListView.as_view(), name="trip-list"),
    path("reizen/nieuw/", views.TripCreateView.as_view(), name="trip-create"),
    path("reizen/<int:pk>/", views.TripDetailView.as_view(), name="trip-detail"),
    path("reizen/<int:pk>/wijzigen/", views.TripUpdateView.as_view(), name="trip-edit"),
]
