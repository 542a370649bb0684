from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

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
            user.is_superuser = role is None
            user.save()
            if role is not None:
                user.groups.set([Group.objects.get(name=role.value)])
            rows.append((username, password, role.label if role else "beheerder (alle rechten)"))
        self.stdout.write("Demogebruikers (alleen voor ontwikkeling):")
        for username, password, label in rows:
            self.stdout.write(f"  {username:<15} wachtwoord {password:<22} {label}")
