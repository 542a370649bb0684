"""The HTML of a council document and its content hash: the same hash means the same PDF."""

import hashlib
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import override

from core.municipality import current_municipality

from ..constants import DocumentKind
from .contexts import (
    council_decision_context,
    council_proposal_context,
    cover_letter_context,
    load_council_proposal,
)
from .fetching import assets_fingerprint, static_url
from .text import clean_inline, lowercase_first


@dataclass
class DocumentSource:
    """The HTML of a document, with what the PDF metadata needs and its content hash.

    case_number is what the document is made from: a council proposal's zaaknummer, or for a
    document of a year (the yearly report) the year.
    """

    kind: str
    case_number: str
    html: str
    title: str
    content_hash: str = field(init=False)

    def __post_init__(self):
        digest = hashlib.sha256()
        for part in (self.kind, self.case_number, assets_fingerprint(), self.html):
            digest.update(part.encode())
            digest.update(b"\0")
        self.content_hash = digest.hexdigest()

    @property
    def filename(self):
        return f"{self.kind}-{self.case_number}.pdf"


TEMPLATES = {
    DocumentKind.COUNCIL_PROPOSAL: ("pdf/council_proposal.html", council_proposal_context),
    DocumentKind.COVER_LETTER: ("pdf/cover_letter.html", cover_letter_context),
    DocumentKind.COUNCIL_DECISION: ("pdf/council_decision.html", council_decision_context),
}
TITLES = {
    DocumentKind.COUNCIL_PROPOSAL: _lazy("Raadsvoorstel %(case)s: %(subject)s"),
    DocumentKind.COVER_LETTER: _lazy("Brief aan het presidium %(case)s: %(subject)s"),
    DocumentKind.COUNCIL_DECISION: _lazy("Raadsbesluit over raadsvoorstel %(case)s: %(subject)s"),
}


# Builders of documents other apps make with this machinery: kind -> build(key) returning a
# DocumentSource. An app registers its builder in its AppConfig.ready() (results/apps.py, the
# yearly report), so that this package, the worker's rendering and the export records never
# import that app (CONTRIBUTING.md, "Documents other apps render").
BUILDERS = {}


def register_document(kind, build):
    """Let build_document() make documents of this kind with build(key)."""
    kind = DocumentKind(kind)
    if kind in TEMPLATES:
        raise ValueError(f"{kind} is a council document; it is built here")
    BUILDERS[kind] = build


def build_document(kind, case_number):
    """Build the HTML of a document from the live records and the municipality's data.

    A council document is built here from its council proposal's zaaknummer; another kind by the
    builder its app registered, from its key (the yearly report: the year).
    """
    kind = DocumentKind(kind)
    if kind not in TEMPLATES:
        try:
            build = BUILDERS[kind]
        except KeyError:
            raise LookupError(f"no builder registered for {kind}") from None
        return build(case_number)
    council_proposal = load_council_proposal(case_number)
    municipality = current_municipality()
    template_name, make_context = TEMPLATES[kind]
    with override("nl"):
        context = {
            "kind": kind,
            "council_proposal": council_proposal,
            "motion": council_proposal.motion,
            "motion_title": lowercase_first(council_proposal.motion.title)
            if council_proposal.motion
            else "",
            "municipality": municipality,
            "stylesheet_url": static_url("css/pdf.css"),
            "logo_url": static_url(municipality.logo) if municipality.logo else "",
            **make_context(council_proposal, municipality),
        }
        title = str(TITLES[kind]) % {
            "case": council_proposal.case_number,
            "subject": council_proposal.subject,
        }
        context["document_title"] = clean_inline(title)
        html = render_to_string(template_name, context)
    return DocumentSource(kind=kind, case_number=case_number, html=html, title=title)
