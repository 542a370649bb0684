from django.urls import path

from . import options, views

app_name = "budget"

urlpatterns = [
    path("begroting/", views.OverviewView.as_view(), name="overview"),
    path("begroting/afleiding/", views.DerivationView.as_view(), name="derivation"),
    path("begroting/scenarios/", views.ScenarioListView.as_view(), name="scenario-list"),
    path("begroting/scenarios/nieuw/", views.ScenarioCreateView.as_view(), name="scenario-create"),
    path(
        "begroting/scenarios/<slug:slug>/",
        views.ScenarioDetailView.as_view(),
        name="scenario-detail",
    ),
    path(
        "begroting/scenarios/<slug:slug>/bewerken/",
        views.ScenarioUpdateView.as_view(),
        name="scenario-update",
    ),
    path(
        "begroting/scenarios/<slug:slug>/verwijderen/",
        views.ScenarioDeleteView.as_view(),
        name="scenario-delete",
    ),
    path("begroting/vergelijking/", views.BenchmarkView.as_view(), name="benchmark"),
    path("begroting/regels/", views.LineListView.as_view(), name="line-list"),
    path("begroting/regels/nieuw/", views.LineCreateView.as_view(), name="line-create"),
    path("begroting/regels/importeren/", views.import_view, name="line-import"),
    path("begroting/regels/exporteren/<str:fmt>/", views.export_view, name="line-export"),
    path("begroting/regels/<int:pk>/", views.LineDetailView.as_view(), name="line-detail"),
    path("begroting/regels/<int:pk>/bewerken/", views.LineUpdateView.as_view(), name="line-update"),
    path(
        "begroting/regels/<int:pk>/verwijderen/",
        views.LineDeleteView.as_view(),
        name="line-delete",
    ),
    path(
        "begroting/productbudgetten/nieuw/",
        views.ProductBudgetCreateView.as_view(),
        name="productbudget-create",
    ),
    path(
        "begroting/productbudgetten/<int:pk>/bewerken/",
        views.ProductBudgetUpdateView.as_view(),
        name="productbudget-update",
    ),
    path(
        "begroting/functies/<int:pk>/bewerken/",
        views.PositionUpdateView.as_view(),
        name="position-update",
    ),
    path(
        "begroting/taakstellingen/<int:pk>/bewerken/",
        views.TargetUpdateView.as_view(),
        name="target-update",
    ),
    path("begroting/wijzigingen/", views.ChangesView.as_view(), name="changes"),
    path(
        "begroting/regels/keuzes/<str:field>/",
        options.LineFormOptions.as_view(),
        name="line-options",
    ),
    path(
        "begroting/regels/filterkeuzes/<str:field>/",
        options.LineFilterOptions.as_view(),
        name="line-filter-options",
    ),
    path(
        "begroting/functies/keuzes/<str:field>/",
        options.PositionFormOptions.as_view(),
        name="position-options",
    ),
]
