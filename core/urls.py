from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("huisstijl.css", views.house_style, name="house-style"),
]
