from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnercityConfig(AppConfig):
    name = "partnercity"
    verbose_name = _("Partnerstad")
