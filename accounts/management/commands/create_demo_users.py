from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from accounts import twofactor
from core.constants import Role

DEMO_USERS = [
    # username, role (None for the administrator), password
    ("beheerder", None, "beheerder-demo"),
    ("raadslid", Role.COUNCIL_MEMBER, "raadslid-demo"),
    ("accountmanager", Role.ACCOUNT_MANAGER, "accountmanager-demo"),
    ("griffie", Role.CLERK, "griffie-demo"),
    ("financien", Role.FINANCE, "financien-demo"),
    ("communicatie", Role.COMMUNICATIONS, "communicatie-demo"),
]


class Command(BaseCommand):
    help = "Maak een demogebruiker per rol (alleen met DEBUG aan) en toon de inloggegevens."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demogebruikers worden alleen aangemaakt met DEBUG=1.")
        User = get_user_model()
        rows = []
        for username, role, password in DEMO_USERS:
            user, _created = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.is_staff = True
            # An example address, so that send_notifications can be tried on a local SMTP server.
            user.email = f"{username}@example.org"
            user.is_superuser = role is None
            user.save()
            if role is not None:
                user.groups.set([Group.objects.get(name=role.value)])
            rows.append((username, password, role.label if role else "beheerder (alle rechten)"))
        self.stdout.write("Demogebruikers (alleen voor ontwikkeling):")
        for username, password, label in rows:
            self.stdout.write(f"  {username:<15} wachtwoord {password:<22} {label}")
        self.second_factors(User.objects.filter(username__in=[row[0] for row in rows]))

    def second_factors(self, users):
        """Give the demo users that must use a second factor an app key and backup codes."""
        required = [user for user in users if twofactor.second_factor_required(user)]
        if not required:
            return
        self.stdout.write(
            "Tweede stap (verplicht voor deze gebruikers): zet de sleutel in een "
            "authenticator-app, of gebruik een reservecode (elke code werkt één keer):"
        )
        for user in required:
            device = twofactor.demo_app_device(user)
            codes = twofactor.new_backup_codes(user, count=5)
            self.stdout.write(
                f"  {user.username:<15} sleutel {twofactor.readable_secret(device)}\n"
                f"  {'':<15} reservecodes {' '.join(codes)}"
            )
