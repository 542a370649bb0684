from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from contacts.models import Person


class Command(BaseCommand):
    help = (
        "Meld de personen van wie de herbeoordelingsdatum is verstreken (voor een geplande taak). "
        "Toont geen namen of contactgegevens, alleen nummer, organisatie en datum."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail",
            action="store_true",
            help="Eindig met foutcode 1 als er personen te beoordelen zijn.",
        )

    def handle(self, *args, fail=False, **options):
        today = timezone.localdate()
        overdue = (
            Person.objects.review_overdue(today)
            .select_related("organisation")
            .order_by("review_on", "pk")
        )
        count = overdue.count()
        if not count:
            self.stdout.write(f"Geen personen te herbeoordelen op {today:%d-%m-%Y}.")
            return
        self.stdout.write(
            f"{count} personen te herbeoordelen op {today:%d-%m-%Y} "
            f"(bevestigen of wissen op {self.review_url()}):"
        )
        for person in overdue.iterator(chunk_size=1000):
            self.stdout.write(
                f"  persoon {person.pk:>7}  {person.organisation.name:<40.40}  "
                f"herbeoordelen op {person.review_on:%d-%m-%Y}  "
                f"({(today - person.review_on).days} dagen te laat)"
            )
        if fail:
            raise CommandError(f"{count} personen te herbeoordelen.", returncode=1)

    def review_url(self):
        base = getattr(settings, "PORTAL_BASE_URL", "")
        return f"{base}{reverse('contacts:review-list')}"
