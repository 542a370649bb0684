from django.urls import path

from . import feeds, options, views, views_decisions, views_griffie

app_name = "proposals"

urlpatterns = [
    path(
        "voorstellen/filterkeuzes/<str:field>/",
        options.ProposalFilterOptions.as_view(),
        name="filter-options",
    ),
    path("voorstellen/", views.CouncilProposalListView.as_view(), name="councilproposal-list"),
    path(
        "raadsvoorstellen/",
        views.CouncilProposalArchiveView.as_view(),
        name="councilproposal-archive",
    ),
    path("voorstellen/feed.rss", feeds.ProposalFeed(), name="proposal-feed"),
    path("voorstellen/export.csv", views.ProposalExportView.as_view(), name="proposal-export"),
    path(
        "voorstellen/<str:case_number>/",
        views.CouncilProposalDetailView.as_view(),
        name="councilproposal-detail",
    ),
    path(
        "voorstellen/<str:case_number>/<int:number>/",
        views.ProposalDetailView.as_view(),
        name="proposal-detail",
    ),
    # The griffie's council PDFs (issue 7).
    path("griffie/", views_griffie.DocumentListView.as_view(), name="document-list"),
    path("griffie/exports/", views_griffie.ExportListView.as_view(), name="document-export-list"),
    # The council's decision, recorded by the griffie (issue 13).
    path(
        "griffie/<str:case_number>/besluit/",
        views_decisions.DecisionCreateView.as_view(),
        name="decision-create",
    ),
    path(
        "griffie/<str:case_number>/besluit/<int:pk>/",
        views_decisions.DecisionUpdateView.as_view(),
        name="decision-update",
    ),
    path("toezeggingen/", views_decisions.CommitmentListView.as_view(), name="commitment-list"),
    path(
        "toezeggingen/nieuw/",
        views_decisions.CommitmentCreateView.as_view(),
        name="commitment-create",
    ),
    path(
        "toezeggingen/<int:pk>/wijzigen/",
        views_decisions.CommitmentUpdateView.as_view(),
        name="commitment-update",
    ),
    path(
        "griffie/<str:case_number>/<str:kind>/exporteren/",
        views_griffie.export_document,
        name="document-export",
    ),
    path("griffie/status/", views_griffie.export_status, name="document-export-status"),
    path(
        "griffie/exports/<int:pk>/download/",
        views_griffie.download_export,
        name="document-export-download",
    ),
]
