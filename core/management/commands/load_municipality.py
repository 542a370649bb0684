from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.loading import DataFileError, available_municipalities, load_data_files


class Command(BaseCommand):
    help = (
        "Laad de gegevens van een gemeente uit haar databestanden: core/data/<naam>.yaml en de "
        "data/<naam>.yaml van elke app (identiteit, netwerken, partnersteden, begroting, …)."
    )

    def add_arguments(self, parser):
        parser.add_argument("municipality", help="De gemeente, bijvoorbeeld hengelo of enschede.")
        parser.add_argument(
            "--file",
            action="append",
            dest="files",
            help="Een databestand (YAML); mag vaker. Standaard: alle data/<naam>.yaml-bestanden.",
        )

    def handle(self, *args, **options):
        name = options["municipality"]
        if not options["files"] and name not in available_municipalities():
            raise CommandError(
                f"Er is geen databestand core/data/{name}.yaml. Beschikbaar: "
                f"{', '.join(available_municipalities())}."
            )
        try:
            stats = load_data_files(options["files"], municipality=name)
        except DataFileError as exc:
            raise CommandError(f"{exc}\nEr is niets gewijzigd.") from exc
        for label, counts in stats.items():
            self.stdout.write(
                f"{label}: {counts['created']} nieuw, {counts['updated']} bijgewerkt, "
                f"{counts['same']} ongewijzigd"
            )
        self.stdout.write(self.style.SUCCESS(f"De gegevens van {name} zijn geladen."))
        if name != settings.MUNICIPALITY:
            self.stdout.write(
                self.style.WARNING(
                    f"Het portaal toont nu {settings.MUNICIPALITY}; zet MUNICIPALITY={name} "
                    "om deze gemeente te tonen."
                )
            )
