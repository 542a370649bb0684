from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("zoeken/", views.SearchView.as_view(), name="search"),
]
