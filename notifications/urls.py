from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("wijzigingen/", views.TimelineView.as_view(), name="timeline"),
]
