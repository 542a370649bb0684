from django.core.management.base import BaseCommand, CommandError

from core.loading import DEFAULT_DATA_FILE, DataFileError, load_data_file


class Command(BaseCommand):
    help = "Laad de gegevens van het raadsvoorstel 2200511 (2018) uit het databestand."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(DEFAULT_DATA_FILE), help="Het databestand (YAML)."
        )

    def handle(self, *args, **options):
        try:
            stats = load_data_file(options["file"])
        except DataFileError as exc:
            raise CommandError(f"{exc}\nEr is niets gewijzigd.") from exc
        for label, counts in stats.items():
            self.stdout.write(
                f"{label}: {counts['created']} nieuw, {counts['updated']} bijgewerkt, "
                f"{counts['same']} ongewijzigd"
            )
        self.stdout.write(self.style.SUCCESS("De Hengelo-gegevens zijn geladen."))
