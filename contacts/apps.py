from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Contacten")

    def ready(self):
        from core.private_cache import register_action

        from . import services

        register_action(services.LIST_VIEWED, services.log_list_viewed)
