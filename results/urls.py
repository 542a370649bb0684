from django.urls import path

from . import options, views, views_report

app_name = "results"

urlpatterns = [
    path(
        "resultaten/filterkeuzes/<str:field>/",
        options.ResultFilterOptions.as_view(),
        name="filter-options",
    ),
    path("resultaten/", views.ResultIndexView.as_view(), name="result-index"),
    path("resultaten/<int:year>/", views.ResultYearView.as_view(), name="result-year"),
    path(
        "resultaten/<int:year>/jaarverslag/",
        views_report.export_yearly_report,
        name="yearly-report-export",
    ),
    path(
        "resultaten/<int:year>/jaarverslag/status/",
        views_report.yearly_report_status,
        name="yearly-report-status",
    ),
    path(
        "resultaten/<int:year>/jaarverslag/<int:pk>/download/",
        views_report.download_yearly_report,
        name="yearly-report-download",
    ),
    path(
        "inspanningen/<int:pk>/resultaat/",
        views.EffortResultEditView.as_view(),
        name="result-edit",
    ),
    path("inspanningen/<int:pk>/wijzigen/", views.EffortUpdateView.as_view(), name="effort-edit"),
    path("werkplannen/nieuw/", views.WorkPlanCreateView.as_view(), name="workplan-create"),
    path("werkplannen/<int:year>/", views.WorkPlanUpdateView.as_view(), name="workplan-edit"),
    path("werkplannen/<int:year>/overnemen/", views.CarryOverView.as_view(), name="workplan-carry"),
    path(
        "werkplannen/<int:year>/vaststellen/",
        views.AdoptPlanView.as_view(),
        name="workplan-adopt",
    ),
    path(
        "werkplannen/<int:year>/inspanning/",
        views.EffortCreateView.as_view(),
        name="effort-create",
    ),
]
