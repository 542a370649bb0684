"""Upcoming example events for a demo of the public agenda, relative to today (DEBUG only).

The events are invented and every page says so (is_example); the seeds give no future dates.
Running the command again moves the examples to the same distance from the new today.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from agenda.models import Event
from core.constants import Visibility
from networks.models import Network, Theme
from partnercity.models import PartnerCity

# The examples are set in Hengelo; other data sets get none (yet).
EXAMPLES_FOR = "hengelo"

# slug, days from today, start time (None: whole day), hours, days long, place, country, organiser,
# network slug, partner city slug, theme codes, visibility, {language: (title, text)}
EXAMPLES = [
    (
        "voorbeeld-informatieavond-europese-subsidies",
        9,
        time(19, 30),
        2,
        1,
        ("Stadhuis Hengelo", "Hazenweg 121", "Hengelo"),
        "NL",
        "Gemeente Hengelo",
        None,
        None,
        ["techniek-als-motor", "arbeidsmarkt-talent"],
        Visibility.PUBLIC,
        {
            "nl": (
                "Informatieavond Europese subsidies voor lokale partners",
                "De gemeente deelt haar ervaring met Europese subsidies met scholen, "
                "verenigingen en ondernemers in Hengelo.",
            ),
            "de": (
                "Infoabend EU-Förderung für lokale Partner",
                "Die Gemeinde teilt ihre Erfahrung mit EU-Förderprogrammen mit Schulen, "
                "Vereinen und Unternehmen in Hengelo.",
            ),
            "en": (
                "Information evening on EU grants for local partners",
                "The municipality shares its experience with EU grants with schools, "
                "associations and businesses in Hengelo.",
            ),
        },
    ),
    (
        "voorbeeld-raadsleden-bezoeken-emsdetten",
        23,
        time(10, 0),
        6,
        1,
        ("Rathaus Emsdetten", "Am Markt 1", "Emsdetten"),
        "DE",
        "Gemeente Hengelo",
        "stedenband-emsdetten",
        "emsdetten",
        ["cultuur"],
        Visibility.PUBLIC,
        {
            "nl": (
                "Raadsleden van Hengelo op bezoek in Emsdetten",
                "Uitwisseling van raadsleden met partnerstad Emsdetten.",
            ),
            "de": (
                "Ratsmitglieder aus Hengelo zu Besuch in Emsdetten",
                "Austausch der Ratsmitglieder mit der Partnerstadt Emsdetten.",
            ),
        },
    ),
    (
        "voorbeeld-euregio-raad",
        37,
        time(14, 0),
        3,
        1,
        ("EUREGIO", "Enscheder Straße 362", "Gronau"),
        "DE",
        "EUREGIO",
        "euregio",
        None,
        ["arbeidsmarkt-talent"],
        Visibility.PUBLIC,
        {
            "nl": (
                "Vergadering van de EUREGIO-raad",
                "De twee Hengelose leden van de EUREGIO-raad vergaderen met hun Duitse en "
                "Nederlandse collega's.",
            ),
            "de": (
                "Sitzung des EUREGIO-Rats",
                "Die beiden Hengeloer Mitglieder des EUREGIO-Rats tagen mit ihren deutschen "
                "und niederländischen Kolleginnen und Kollegen.",
            ),
            "en": (
                "Meeting of the EUREGIO council",
                "Hengelo's two members of the EUREGIO council meet their German and Dutch "
                "colleagues.",
            ),
        },
    ),
    (
        "voorbeeld-eurocities-mobility-forum",
        58,
        None,
        0,
        2,
        ("", "", "Münster"),
        "DE",
        "Eurocities",
        "eurocities",
        None,
        ["bereikbaarheid-vestigingsklimaat"],
        Visibility.PUBLIC,
        {
            "nl": (
                "Eurocities Mobility Forum",
                "Netwerkstad Twente neemt deel aan het Mobility Forum, over grensoverschrijdende "
                "bereikbaarheid en de TEN-T-corridor.",
            ),
            "de": (
                "Eurocities Mobility Forum",
                "Netwerkstad Twente nimmt am Mobility Forum teil, zu grenzüberschreitender "
                "Erreichbarkeit und dem TEN-T-Korridor.",
            ),
            "en": (
                "Eurocities Mobility Forum",
                "Netwerkstad Twente takes part in the Mobility Forum, on cross-border "
                "accessibility and the TEN-T corridor.",
            ),
        },
    ),
    (
        "voorbeeld-fbk-games-internationale-gasten",
        120,
        time(17, 0),
        5,
        1,
        ("FBK Stadion", "", "Hengelo"),
        "NL",
        "Gemeente Hengelo",
        None,
        "emsdetten",
        ["sport"],
        Visibility.PUBLIC,
        {
            "nl": (
                "FBK Games met internationale gasten",
                "Het college nodigt partners uit Emsdetten, de EUREGIO en Eurocities uit bij de "
                "internationale atletiekwedstrijd in Hengelo.",
            ),
            "de": (
                "FBK Games mit internationalen Gästen",
                "Der Bürgermeister und die Beigeordneten laden Partner aus Emsdetten, der "
                "EUREGIO und Eurocities zum internationalen Leichtathletik-Meeting in Hengelo "
                "ein.",
            ),
            "en": (
                "FBK Games with international guests",
                "The executive invites partners from Emsdetten, EUREGIO and Eurocities to the "
                "international athletics meeting in Hengelo.",
            ),
        },
    ),
    (
        "voorbeeld-concept-raadsexcursie",
        150,
        None,
        0,
        2,
        ("", "", "Brussel"),
        "BE",
        "Gemeente Hengelo",
        None,
        None,
        [],
        Visibility.DRAFT,
        {
            "nl": (
                "Raadsexcursie naar Brussel (concept)",
                "Nog niet openbaar: de jaarlijkse internationale excursie van de raad.",
            )
        },
    ),
]


class Command(BaseCommand):
    help = "Zet verzonnen voorbeeldevenementen in de agenda, vanaf vandaag (alleen met DEBUG=1)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Voorbeeldevenementen worden alleen aangemaakt met DEBUG=1.")
        if settings.MUNICIPALITY != EXAMPLES_FOR:
            self.stdout.write(f"Er zijn geen voorbeeldevenementen voor {settings.MUNICIPALITY}.")
            return
        with transaction.atomic():
            for example in EXAMPLES:
                self.upsert(*example)
        self.stdout.write(
            self.style.SUCCESS(f"{len(EXAMPLES)} voorbeeldevenementen staan in de agenda.")
        )

    def upsert(self, slug, days, start_time, hours, length, place, country, organiser,
               network, partner_city, themes, visibility, texts):  # fmt: skip
        today = timezone.localdate()
        day = today + timedelta(days=days)
        event = Event.objects.filter(slug=slug).first() or Event(slug=slug)
        event.is_example = True
        event.visibility = visibility
        event.venue, event.address, event.city = place
        event.country = country
        event.network = Network.objects.filter(slug=network).first() if network else None
        event.partner_city = (
            PartnerCity.objects.filter(slug=partner_city).first() if partner_city else None
        )
        if start_time is None:
            event.date_precision = "dag"
            event.starts_at = timezone.make_aware(datetime.combine(day, time.min))
            last = day + timedelta(days=length - 1)
            event.ends_at = timezone.make_aware(datetime.combine(last, time(12, 0)))
        else:
            event.date_precision = "tijd"
            event.starts_at = timezone.make_aware(datetime.combine(day, start_time))
            event.ends_at = event.starts_at + timedelta(hours=hours)
        for language, (title, text) in texts.items():
            event.set_current_language(language)
            event.title = title
            event.text = text
        event.set_current_language("nl")
        event.organiser = organiser
        event.full_clean()
        event.save()
        event.themes.set(Theme.objects.filter(code__in=themes))
