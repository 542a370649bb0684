from django.urls import path

from . import options, views

app_name = "networks"

urlpatterns = [
    path(
        "inspanningen/filterkeuzes/<str:field>/",
        options.EffortFilterOptions.as_view(),
        name="effort-filter-options",
    ),
    path("netwerken/", views.NetworkListView.as_view(), name="network-list"),
    path("netwerken/<slug:slug>/", views.NetworkDetailView.as_view(), name="network-detail"),
    path("inspanningen/", views.EffortListView.as_view(), name="effort-list"),
    path("inspanningen/export.csv", views.EffortExportView.as_view(), name="effort-export"),
    path("inspanningen/<int:pk>/", views.EffortDetailView.as_view(), name="effort-detail"),
    path("themas/", views.ThemeListView.as_view(), name="theme-list"),
    path("themas/<slug:code>/", views.ThemeDetailView.as_view(), name="theme-detail"),
]
