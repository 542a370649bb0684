from .load_municipality import Command as LoadMunicipality
from .load_municipality import add_force_argument


class Command(LoadMunicipality):
    """The Hengelo shortcut: `load_hengelo` is `load_municipality hengelo`."""

    help = "Laad de gegevens van het raadsvoorstel 2200511 (2018) uit de databestanden."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            action="append",
            dest="files",
            help="Een databestand (YAML); mag vaker. Standaard: alle data/hengelo.yaml-bestanden.",
        )
        add_force_argument(parser)

    def handle(self, *args, **options):
        super().handle(*args, municipality="hengelo", **options)
