from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Inloggen")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import check_second_factor_at_login, mark_activity_at_login

        user_logged_in.connect(mark_activity_at_login, dispatch_uid="accounts-session-activity")
        user_logged_in.connect(
            check_second_factor_at_login, dispatch_uid="accounts-second-factor-at-login"
        )
