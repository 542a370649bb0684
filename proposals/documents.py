"""Council documents as PDF: HTML built from the live records, rendered by WeasyPrint.

Everything that decides what a PDF contains lives here, so that the Celery task, the management
command and the benchmark render exactly the same document. The content hash of a document is
taken over the HTML and the static files it uses: the same hash means the same PDF.
"""

import hashlib
import logging
import mimetypes
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nh3
import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.db.models import Max, Prefetch
from django.template.defaultfilters import linebreaks_filter
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from budget.constants import FigureKind
from budget.models import BudgetLine, ProductBudget, RecordedFigure, SavingsTarget, StaffPosition
from core.templatetags.portal import format_euro
from networks.constants import Representation
from networks.models import Effort, Forum, Network

from .constants import DocumentKind, StepKind
from .models import CouncilProposal, Proposal

logger = logging.getLogger(__name__)

# The HTML refers to the portal's static files under this origin. It never resolves (.invalid is
# reserved); the fetcher below maps it onto the static files and refuses everything else.
PORTAL_ORIGIN = "https://portaal.hengelo.invalid"
PDF_VARIANT = "pdf/a-3u"
# Bump when the rendering changes in a way the HTML does not show (options, WeasyPrint usage).
RENDERER_VERSION = f"1:{weasyprint.__version__}:{PDF_VARIANT}"
# Static files a council document may use; their content is part of the content hash.
DOCUMENT_ASSETS = (
    "css/pdf.css",
    "fonts/source-sans-3/SourceSans3_400Regular.ttf",
    "fonts/source-sans-3/SourceSans3_400Regular_Italic.ttf",
    "fonts/source-sans-3/SourceSans3_600SemiBold.ttf",
    "fonts/source-sans-3/SourceSans3_700Bold.ttf",
)

# The letterhead of the municipality, as on its letters.
MUNICIPALITY = {
    "name": "Gemeente Hengelo",
    "visiting_address": "Hazenweg 121",
    "postal_address": "Postbus 18",
    "postcode_city": "7550\u00a0AA Hengelo",
    "phone": "14-074",
    "email": "gemeente@hengelo.nl",
}
# Who signs letters on behalf of the executive (burgemeester en wethouders), as in 2018.
SIGNATORIES = (
    ("de secretaris", "De heer J. Eshuis"),
    ("de burgemeester", "De heer S.W.J.G. Schelberg"),
)
# What the executive asks the presidium to schedule at a politieke markt for a raadsvoorstel.
POLITICAL_MARKET_MINUTES = 45
POLITICAL_MARKET_POINTS = (
    "toelichting partnerstad Emsdetten (raadswerkgroep internationaal)",
    "toelichting proces",
    "inhoudelijke voorstellen",
    "samenhang in geheel internationale activiteiten gemeente Hengelo",
    "toelichting financiële dekking",
)

# Formatting that user-entered text may keep; everything else is stripped, with no attributes
# at all, so no text can bring in a URL, a style or a script.
EURO_SPACE = re.compile(r"€ (?=\d)")
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "sub", "sup"}


class DocumentNotFound(LookupError):
    """The council proposal does not exist (or is not public)."""


def clean_text(text):
    """Turn user-entered text into safe HTML paragraphs: markup is sanitised, never trusted."""
    if not text:
        return ""
    # Keep an amount on one line: "€ 5.000" never breaks after the euro sign.
    html = linebreaks_filter(EURO_SPACE.sub("€\u00a0", text), autoescape=False)
    return mark_safe(
        nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, clean_content_tags={"script", "style"})
    )


def lowercase_first(text):
    """'Motie internationaal beleid' -> 'motie internationaal beleid', for use mid-sentence."""
    return text[:1].lower() + text[1:]


def clean_inline(text):
    """Sanitise a one-line text (a title): no block markup, no tags at all."""
    return nh3.clean(text or "", tags=set(), clean_content_tags={"script", "style"})


# --- fetching ------------------------------------------------------------------------------------


class RefusedURL(ValueError):
    """A document tried to load something from outside the portal's static files."""


class PortalURLFetcher(URLFetcher):
    """Let WeasyPrint load only the portal's own static files and data: URLs.

    Files, other hosts, the local network and attachments are refused, so a text that slips
    through cannot make the worker read /etc/passwd or call an internal service.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("timeout", 5)
        kwargs.setdefault("allow_redirects", False)
        kwargs["allowed_protocols"] = ("data", "https")
        super().__init__(*args, **kwargs)
        self.fetched = []
        self.refused = []

    def fetch(self, url, headers=None):
        if url.lower().startswith("data:"):
            self.fetched.append(url[:40])
            return super().fetch(url, headers)
        path = static_path_for(url)
        if path is None:
            self.refused.append(url)
            logger.warning("PDF rendering refused to fetch %s", url)
            raise RefusedURL(f"Refused to fetch {url}")
        self.fetched.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def static_url(name):
    return f"{PORTAL_ORIGIN}/{settings.STATIC_URL.strip('/')}/{name}"


def static_path_for(url):
    """Return the static file an URL under PORTAL_ORIGIN points to, or None."""
    prefix = f"{PORTAL_ORIGIN}/{settings.STATIC_URL.strip('/')}/"
    parts = urlsplit(url)
    if parts.query or parts.fragment or not url.startswith(prefix):
        return None
    name = unquote(url[len(prefix) :])
    if not name or name.startswith("/") or "\\" in name or ".." in Path(name).parts:
        return None
    return find_static(name)


@cache
def find_static(name):
    """Find a static file in the app folders, or in STATIC_ROOT after collectstatic."""
    try:
        found = finders.find(name)
        if not found and settings.STATIC_ROOT:
            candidate = Path(settings.STATIC_ROOT) / name
            root = Path(settings.STATIC_ROOT).resolve()
            if candidate.resolve().is_relative_to(root) and candidate.is_file():
                found = str(candidate)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


@cache
def assets_fingerprint():
    """Hash the static files a document uses, once per process: they change only on deploy."""
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    for name in DOCUMENT_ASSETS:
        path = find_static(name)
        digest.update(name.encode())
        digest.update(path.read_bytes() if path else b"missing")
    return digest.hexdigest()


# --- building the HTML ---------------------------------------------------------------------------


@dataclass
class DocumentSource:
    """The HTML of a council document, with what the PDF metadata needs and its content hash."""

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


def load_council_proposal(case_number):
    """Fetch the council proposal with everything the documents print, in a fixed set of queries."""
    try:
        return (
            CouncilProposal.objects.public()
            .select_related("motion")
            .prefetch_related(
                "steps",
                "decision_points",
                Prefetch(
                    "proposals",
                    queryset=Proposal.objects.public()
                    .order_by("number")
                    .prefetch_related("themes"),
                ),
            )
            .get(case_number=case_number)
        )
    except CouncilProposal.DoesNotExist as exc:
        raise DocumentNotFound(case_number) from exc


def meeting_year(council_proposal):
    meeting = council_proposal.council_meeting_on or timezone.localdate()
    return meeting.year


def network_roles(network):
    """The role column of annex B: 'Bestuurlijk en ambtelijk, deelnemend', or the stated note."""
    if network.represented_by == Representation.NONE:
        return "–"
    if network.role_note:
        return network.role_note
    kinds = []
    if network.role_administrative:
        kinds.append(_("bestuurlijk"))
    if network.role_official:
        kinds.append(_("ambtelijk"))
    text = _(" en ").join(kinds)
    if network.role_participating:
        text = f"{text}, {_('deelnemend')}" if text else _("deelnemend")
    return text[:1].upper() + text[1:] if text else "–"


def annex_title(council_proposal, letter, default):
    for line in council_proposal.annex_list:
        head, _sep, rest = line.partition(" ")
        if head.rstrip(".)").upper() == letter and rest:
            return rest.strip()
    return default


def financial_context(council_proposal, year):
    """The figures of FINANCIËLE ASPECTEN, from the budget records rather than from the text."""
    budget_year = ProductBudget.objects.filter(year__lt=year).aggregate(y=Max("year"))["y"]
    budgets = list(
        ProductBudget.objects.filter(year=budget_year)
        .select_related("product")
        .order_by("product_id")
    )
    lines_by_product = defaultdict(list)
    for line in BudgetLine.objects.filter(year=budget_year).order_by("product_id", "-amount"):
        lines_by_product[line.product_id].append(line)
    products = [
        {"budget": budget, "lines": lines_by_product.get(budget.product_id, [])}
        for budget in budgets
    ]
    figures = {
        (figure.kind, figure.year): figure
        for figure in RecordedFigure.objects.filter(year__in=[budget_year or 0, year])
    }
    return {
        "budget_year": budget_year,
        "positions": list(
            StaffPosition.objects.filter(proposal__council_proposal=council_proposal)
            .select_related("proposal")
            .order_by("proposal__number", "title")
        ),
        "products": products,
        "staff_remainder": figures.get((FigureKind.STAFF_REMAINDER, budget_year)),
        "one_off_cover": figures.get((FigureKind.ONE_OFF_COVER, year)),
        "savings_targets": list(
            SavingsTarget.objects.filter(council_proposal=council_proposal).order_by("name")
        ),
    }


def council_proposal_context(council_proposal):
    year = meeting_year(council_proposal)
    efforts = list(
        Effort.objects.public().for_year(year).order_by("number").select_related("network")
    )
    networks = list(
        Network.objects.public()
        .in_annex_b()
        .order_by("annex_number")
        .prefetch_related(
            Prefetch(
                "forums",
                queryset=Forum.objects.exclude(letter="").order_by("letter"),
                to_attr="annex_forums",
            )
        )
    )
    for network in networks:
        network.annex_roles = network_roles(network)
    proposals = list(council_proposal.proposals.all())
    for proposal in proposals:
        proposal.summary_html = clean_text(proposal.summary)
    decision_points = list(council_proposal.decision_points.all())
    for point in decision_points:
        # Show the amount beside the text unless the text already states it.
        point.amount_not_in_text = point.amount is not None and (
            format_euro(point.amount).replace("\u00a0", "") not in re.sub(r"€\s*", "€", point.text)
        )
    return {
        "year": year,
        "texts": {
            "background": clean_text(council_proposal.background),
            "content": clean_text(council_proposal.content),
            "financial_aspects": clean_text(council_proposal.financial_aspects),
        },
        "proposals": proposals,
        "decision_points": decision_points,
        "steps": list(council_proposal.steps.all()),
        "market_dates": [
            step.date
            for step in council_proposal.steps.all()
            if step.kind == StepKind.POLITICAL_MARKET and step.date
        ],
        "efforts": efforts,
        "networks": networks,
        "finance": financial_context(council_proposal, year),
        "annex_a_title": annex_title(
            council_proposal, "A", _("Geplande internationale Hengelose inspanningen %(year)s")
        )
        % {"year": year},
        "annex_b_title": annex_title(
            council_proposal, "B", _("Internationale netwerken waarin gemeente Hengelo actief is")
        ),
    }


def cover_letter_context(council_proposal):
    steps = list(council_proposal.steps.all())
    letter = next((s for s in steps if s.kind == StepKind.COVER_LETTER), None)
    letter_date = letter.date if letter and letter.date else None
    markets = [
        s
        for s in steps
        if s.kind == StepKind.POLITICAL_MARKET
        and s.date
        and (letter_date is None or s.date >= letter_date)
    ]
    return {
        "letter_date": letter_date,
        "political_market": markets[0] if markets else None,
        "process_letter": next((s for s in steps if s.kind == StepKind.PROCESS_LETTER), None),
        "proposal_count": len(council_proposal.proposals.all()),
        "minutes": POLITICAL_MARKET_MINUTES,
        "points": POLITICAL_MARKET_POINTS,
        "annexes": [line for line in council_proposal.annex_list if line[:1] in ("A", "B")],
        "signatories": SIGNATORIES,
    }


TEMPLATES = {
    DocumentKind.COUNCIL_PROPOSAL: ("pdf/council_proposal.html", council_proposal_context),
    DocumentKind.COVER_LETTER: ("pdf/cover_letter.html", cover_letter_context),
}


def build_document(kind, case_number):
    """Build the HTML of a council document from the live records."""
    kind = DocumentKind(kind)
    council_proposal = load_council_proposal(case_number)
    template_name, make_context = TEMPLATES[kind]
    with override("nl"):
        context = {
            "kind": kind,
            "council_proposal": council_proposal,
            "motion": council_proposal.motion,
            "motion_title": lowercase_first(council_proposal.motion.title)
            if council_proposal.motion
            else "",
            "municipality": MUNICIPALITY,
            "stylesheet_url": static_url("css/pdf.css"),
            **make_context(council_proposal),
        }
        title = (
            _("Raadsvoorstel %(case)s: %(subject)s")
            if kind == DocumentKind.COUNCIL_PROPOSAL
            else _("Brief aan het presidium %(case)s: %(subject)s")
        ) % {"case": council_proposal.case_number, "subject": council_proposal.subject}
        context["document_title"] = clean_inline(title)
        html = render_to_string(template_name, context)
    return DocumentSource(kind=kind, case_number=case_number, html=html, title=title)


# --- rendering -----------------------------------------------------------------------------------


@dataclass
class RenderedDocument:
    pdf: bytes
    page_count: int
    render_ms: int
    refused_urls: list


def render_pdf(source, created=None):
    """Render a document's HTML to an archive-grade PDF (PDF/A), with its metadata."""
    started = time.perf_counter()
    fetcher = PortalURLFetcher()
    font_config = FontConfiguration()
    options = {"pdf_variant": PDF_VARIANT, "custom_metadata": True, "pdf_tags": True}
    html = weasyprint.HTML(string=source.html, base_url=PORTAL_ORIGIN + "/", url_fetcher=fetcher)
    document = html.render(font_config=font_config, **options)
    stamp = (created or timezone.now()).replace(microsecond=0).isoformat()
    document.metadata.created = stamp
    document.metadata.modified = stamp
    document.metadata.attachments = []
    pdf = document.write_pdf(**options)
    return RenderedDocument(
        pdf=pdf,
        page_count=len(document.pages),
        render_ms=round((time.perf_counter() - started) * 1000),
        refused_urls=fetcher.refused,
    )
