from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/code/", views.VerifyView.as_view(), name="verify"),
    path("inloggen/app-koppelen/", views.SetupView.as_view(), name="setup"),
    path("inloggen/app-koppelen/qr.svg", views.QRCodeView.as_view(), name="setup-qr"),
    path("account/tweestapsverificatie/", views.TwoFactorView.as_view(), name="two-factor"),
]
