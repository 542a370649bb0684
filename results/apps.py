from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "results"
    verbose_name = _("Werkplannen en resultaten")

    def ready(self):
        # The yearly report is exported and rendered by proposals' machinery (the worker); it
        # finds the report's builder here (CONTRIBUTING.md, "Documents other apps render").
        from proposals.constants import DocumentKind
        from proposals.documents import register_document

        from .report import build_yearly_report

        register_document(DocumentKind.YEARLY_REPORT, build_yearly_report)
