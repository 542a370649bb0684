import smtplib

from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError

from notifications.constants import Frequency
from notifications.digests import send_digests
from notifications.reminders import send_commitment_reminders, send_follow_up_reminders


class Command(BaseCommand):
    help = (
        "Verstuur de overzichten aan abonnees die aan de beurt zijn, en de dagelijkse "
        "herinneringen aan medewerkers. Twee keer draaien verstuurt niets dubbel; bij een "
        "onbereikbare mailserver blijft alles staan voor de volgende keer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=Frequency.values,
            action="append",
            help="Alleen abonnementen met deze frequentie (mag vaker).",
        )
        parser.add_argument(
            "--no-reminders", action="store_true", help="Geen herinneringen aan medewerkers."
        )

    def handle(self, *args, frequency=None, no_reminders=False, **options):
        connection = get_connection()
        try:
            with connection:
                digests, changes = send_digests(frequencies=frequency, connection=connection)
                follow_ups = commitments = 0
                if not no_reminders:
                    follow_ups = send_follow_up_reminders(connection=connection)
                    commitments = send_commitment_reminders(connection=connection)
        except (smtplib.SMTPException, OSError) as error:
            raise CommandError(
                f"De mailserver is niet bereikbaar of weigert de mail ({error}). Wat niet is "
                "verzonden, blijft staan en gaat mee met de volgende run."
            ) from error
        self.stdout.write(
            f"{digests} overzichten verstuurd met samen {changes} wijzigingen; "
            f"{follow_ups} herinneringen over opvolging, {commitments} over toezeggingen."
        )
