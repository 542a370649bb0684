from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from results.report import NoPlanForYear, render_yearly_report


class Command(BaseCommand):
    help = (
        "Maak de PDF van het jaarverslag internationaal beleid (raadsinformatiebrief) van een "
        "jaar, met dezelfde code als de export in het portaal, maar direct en zonder worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="Het jaar, bv. 2018.")
        parser.add_argument("--output", "-o", required=True, help="Pad van het PDF-bestand.")

    def handle(self, *args, year, output, **options):
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"De map {path.parent} bestaat niet.")
        try:
            source, rendered = render_yearly_report(year)
        except NoPlanForYear as exc:
            raise CommandError(f"Er is geen openbaar werkplan voor {year}.") from exc
        path.write_bytes(rendered.pdf)
        self.stdout.write(
            f"{path}: {rendered.page_count} pagina's, {len(rendered.pdf) // 1024} kB, "
            f"{rendered.render_ms} ms, gegevensversie {source.content_hash[:12]}"
        )
