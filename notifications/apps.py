from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Wijzigingen en abonnementen")

    def ready(self):
        # The registrations of the timeline: one line per history-tracked model.
        from . import kinds  # noqa: F401
