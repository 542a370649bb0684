from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portaal")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import choices, signals, translate_tag  # noqa: F401 (signals: its receivers)
        from .roles import sync_role_permissions_after_migrate

        # {% translate "a quoted text" %} and the models' choice labels looked up once per
        # language (issue 17).
        translate_tag.install()
        choices.install()

        # Not tied to this app as sender: the permissions of apps listed after core are
        # created by their own post_migrate, so the sync waits for the last app.
        post_migrate.connect(sync_role_permissions_after_migrate)
