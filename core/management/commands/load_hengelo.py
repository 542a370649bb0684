from django.core.management.base import BaseCommand, CommandError

from core.loading import DataFileError, load_data_files


class Command(BaseCommand):
    help = "Laad de gegevens van het raadsvoorstel 2200511 (2018) uit de databestanden."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            action="append",
            dest="files",
            help="Een databestand (YAML); mag vaker. Standaard: alle data/hengelo.yaml-bestanden.",
        )

    def handle(self, *args, **options):
        try:
            stats = load_data_files(options["files"])
        except DataFileError as exc:
            raise CommandError(f"{exc}\nEr is niets gewijzigd.") from exc
        for label, counts in stats.items():
            self.stdout.write(
                f"{label}: {counts['created']} nieuw, {counts['updated']} bijgewerkt, "
                f"{counts['same']} ongewijzigd"
            )
        self.stdout.write(self.style.SUCCESS("De Hengelo-gegevens zijn geladen."))
