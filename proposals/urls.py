from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("voorstellen/", views.CouncilProposalListView.as_view(), name="councilproposal-list"),
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
]
