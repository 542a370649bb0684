from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The pages over every app: the home page and the search. Nothing imports from here."""

    name = "portal"
    verbose_name = _("Startpagina en zoeken")
