from django.core.management.base import BaseCommand

from core import uploads


class Command(BaseCommand):
    help = "Verwijder gecontroleerde importbestanden die ouder zijn dan 30 minuten."

    def handle(self, *args, **options):
        count = uploads.delete_expired()
        self.stdout.write(f"{count} verlopen importbestand(en) verwijderd.")
