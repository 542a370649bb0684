from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from core.page_cache import register_expiry

        from .services import seconds_until_next_change

        # An upcoming event moves to the archive when it is over: pages are kept until then.
        register_expiry(seconds_until_next_change, namespace="agenda")
