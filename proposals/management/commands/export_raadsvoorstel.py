from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from proposals.constants import COUNCIL_DOCUMENT_KINDS, DocumentKind
from proposals.documents import DocumentNotFound, DocumentNotReady
from proposals.rendering import render_to_file


class Command(BaseCommand):
    help = (
        "Maak de PDF van een raadsvoorstel, de brief aan het presidium of het raadsbesluit uit de "
        "actuele gegevens, met dezelfde code als de export van de griffie, maar direct en zonder "
        "worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("case_number", help="Zaaknummer van het raadsvoorstel, bv. 2200511.")
        parser.add_argument("--output", "-o", required=True, help="Pad van het PDF-bestand.")
        parser.add_argument(
            "--document",
            choices=[str(kind) for kind in COUNCIL_DOCUMENT_KINDS],
            default=DocumentKind.COUNCIL_PROPOSAL,
            help=(
                "Welk document: het raadsvoorstel met bijlagen (standaard), de brief aan het "
                "presidium of het raadsbesluit (pas als het besluit is vastgelegd)."
            ),
        )

    def handle(self, *args, case_number, output, document, **options):
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"De map {path.parent} bestaat niet.")
        try:
            source, rendered = render_to_file(document, case_number, path)
        except DocumentNotFound as exc:
            raise CommandError(
                f"Er is geen openbaar raadsvoorstel met zaaknummer {case_number}."
            ) from exc
        except DocumentNotReady as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{path}: {rendered.page_count} pagina's, {len(rendered.pdf) // 1024} kB, "
            f"{rendered.render_ms} ms, gegevensversie {source.content_hash[:12]}"
        )
        for url in rendered.refused_urls:
            self.stderr.write(f"Niet opgehaald (buiten het portaal): {url}")
