from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("eu-projecten/", views.ProjectListView.as_view(), name="project-list"),
    path("eu-projecten/nieuw/", views.ProjectCreateView.as_view(), name="project-create"),
    path("eu-projecten/<int:pk>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("eu-projecten/<int:pk>/wijzigen/", views.ProjectUpdateView.as_view(), name="project-edit"),
]
