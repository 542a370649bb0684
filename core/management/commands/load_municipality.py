from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.loading import DataFileError, available_municipalities, load_data_files
from core.municipality import current_municipality


def add_force_argument(parser):
    parser.add_argument(
        "--force",
        action="store_true",
        help="Overschrijf bestaande records die afwijken van het bestand (ook portaalwijzigingen).",
    )


class Command(BaseCommand):
    help = (
        "Laad de gegevens van een gemeente uit haar databestanden: core/data/<naam>.yaml en de "
        "data/<naam>.yaml van elke app (identiteit, netwerken, partnersteden, begroting, …). "
        "Voegt toe wat ontbreekt; een bestaand record dat afwijkt blijft zoals het is (het kan "
        "in het portaal gewijzigd zijn) en wordt gemeld, tenzij --force is gegeven."
    )

    def add_arguments(self, parser):
        parser.add_argument("municipality", help="De gemeente, bijvoorbeeld hengelo of enschede.")
        parser.add_argument(
            "--file",
            action="append",
            dest="files",
            help="Een databestand (YAML); mag vaker. Standaard: alle data/<naam>.yaml-bestanden.",
        )
        add_force_argument(parser)

    def handle(self, *args, **options):
        name = options["municipality"]
        if not options["files"] and name not in available_municipalities():
            raise CommandError(
                f"Er is geen databestand core/data/{name}.yaml. Beschikbaar: "
                f"{', '.join(available_municipalities())}."
            )
        try:
            stats, differences = load_data_files(
                options["files"], municipality=name, force=options["force"]
            )
        except DataFileError as exc:
            raise CommandError(f"{exc}\nEr is niets gewijzigd.") from exc
        for label, counts in stats.items():
            self.stdout.write(
                f"{label}: {counts['created']} nieuw, {counts['updated']} bijgewerkt, "
                f"{counts['same']} ongewijzigd, {counts['kept']} afwijkend en behouden"
            )
        if differences:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(differences)} velden in de database wijken af van het bestand en zijn "
                    "niet overschreven (geef --force om de waarden uit het bestand te zetten):"
                )
            )
            for difference in differences:
                self.stdout.write(f"  {difference}")
        self.stdout.write(self.style.SUCCESS(f"De gegevens van {name} zijn geladen."))
        if name == settings.MUNICIPALITY:
            current_municipality()  # read the identity again now, not in the first request
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Het portaal toont nu {settings.MUNICIPALITY}; zet MUNICIPALITY={name} "
                    "om deze gemeente te tonen."
                )
            )
