from django.urls import path

from . import options, views

app_name = "contacts"

urlpatterns = [
    path(
        "contacten/keuzes/organisatie/<str:field>/",
        options.OrganisationFormOptions.as_view(),
        name="organisation-form-options",
    ),
    path(
        "contacten/keuzes/persoon/<str:field>/",
        options.PersonFormOptions.as_view(),
        name="person-form-options",
    ),
    path(
        "contacten/keuzes/contactmoment/<str:field>/",
        options.InteractionFormOptions.as_view(),
        name="interaction-form-options",
    ),
    path(
        "contacten/keuzes/kans/<str:field>/",
        options.OpportunityFormOptions.as_view(),
        name="opportunity-form-options",
    ),
    path(
        "contacten/filterkeuzes/<str:field>/",
        options.OrganisationFilterOptions.as_view(),
        name="organisation-filter-options",
    ),
    path("contacten/", views.OrganisationListView.as_view(), name="organisation-list"),
    path(
        "contacten/export.csv",
        views.OrganisationExportView.as_view(),
        name="organisation-export",
    ),
    path(
        "contacten/import/",
        views.ImportView.as_view(kind="organisations"),
        name="organisation-import",
    ),
    path("contacten/nieuw/", views.OrganisationCreateView.as_view(), name="organisation-create"),
    path("contacten/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path(
        "contacten/<int:pk>/bewerken/",
        views.OrganisationUpdateView.as_view(),
        name="organisation-update",
    ),
    # people
    path("contacten/personen/", views.PersonListView.as_view(), name="person-list"),
    path("contacten/personen/export.csv", views.PersonExportView.as_view(), name="person-export"),
    path(
        "contacten/personen/import/", views.ImportView.as_view(kind="people"), name="person-import"
    ),
    path("contacten/personen/nieuw/", views.PersonCreateView.as_view(), name="person-create"),
    path(
        "contacten/personen/keuzelijst/",
        views.PersonOptionsView.as_view(),
        name="person-options",
    ),
    path("contacten/personen/herbeoordelen/", views.ReviewListView.as_view(), name="review-list"),
    path("contacten/personen/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path(
        "contacten/personen/<int:pk>/bewerken/",
        views.PersonUpdateView.as_view(),
        name="person-update",
    ),
    path(
        "contacten/personen/<int:pk>/gegevens.json",
        views.PersonExportDataView.as_view(fmt="json"),
        name="person-export-json",
    ),
    path(
        "contacten/personen/<int:pk>/gegevens.csv",
        views.PersonExportDataView.as_view(fmt="csv"),
        name="person-export-csv",
    ),
    path(
        "contacten/personen/<int:pk>/wissen/", views.PersonEraseView.as_view(), name="person-erase"
    ),
    path(
        "contacten/personen/<int:pk>/bevestigen/",
        views.ConfirmReviewView.as_view(),
        name="person-confirm-review",
    ),
    # interactions and follow-ups
    path(
        "contacten/contactmomenten/",
        views.InteractionListView.as_view(),
        name="interaction-list",
    ),
    path(
        "contacten/contactmomenten/export.csv",
        views.InteractionExportView.as_view(),
        name="interaction-export",
    ),
    path(
        "contacten/contactmomenten/nieuw/",
        views.InteractionCreateView.as_view(),
        name="interaction-create",
    ),
    path(
        "contacten/contactmomenten/<int:pk>/",
        views.InteractionDetailView.as_view(),
        name="interaction-detail",
    ),
    path(
        "contacten/contactmomenten/<int:pk>/bewerken/",
        views.InteractionUpdateView.as_view(),
        name="interaction-update",
    ),
    path(
        "contacten/contactmomenten/<int:pk>/opgevolgd/",
        views.FollowUpDoneView.as_view(),
        name="follow-up-done",
    ),
    path("contacten/opvolging/", views.FollowUpListView.as_view(), name="follow-up-list"),
    # opportunities and questions
    path("contacten/kansen/", views.OpportunityListView.as_view(), name="opportunity-list"),
    path(
        "contacten/kansen/export.csv",
        views.OpportunityExportView.as_view(),
        name="opportunity-export",
    ),
    path(
        "contacten/kansen/nieuw/", views.OpportunityCreateView.as_view(), name="opportunity-create"
    ),
    path(
        "contacten/kansen/<int:pk>/",
        views.OpportunityDetailView.as_view(),
        name="opportunity-detail",
    ),
    path(
        "contacten/kansen/<int:pk>/bewerken/",
        views.OpportunityUpdateView.as_view(),
        name="opportunity-update",
    ),
    # EU-grant expertise (proposal 3)
    path("contacten/eu-subsidies/", views.GrantExpertiseListView.as_view(), name="expertise-list"),
    # privacy
    path("contacten/inzagelog/", views.AccessLogListView.as_view(), name="access-log"),
    path("contacten/wissingen/", views.ErasureListView.as_view(), name="erasure-list"),
]
