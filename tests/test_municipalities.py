"""Both data sets render: every public page and council PDF carries the active municipality.

The portal serves one municipality, chosen by the setting MUNICIPALITY. Hengelo's data set is the
council proposal of 2018; Enschede's comes from its letter to the council of 30 January 2025 and
has no budget, no council proposal and no work plan. The crawler follows every link an anonymous
visitor sees, so a page that only one data set reaches is rendered too.
"""

import re
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from core.models import Municipality
from partnercity.models import PartnerCity
from proposals.constants import DocumentKind, StepKind
from proposals.documents import build_document, render_pdf
from proposals.models import CouncilProposal, ProcessStep
from tests.worker.support import normalise, pdf_text

pytestmark = pytest.mark.django_db

START = ["/", "/agenda/", "/agenda/archief/", "/partners/", "/de/agenda/", "/en/partners/"]
NOT_FOLLOWED = ("/admin/", "/inloggen/", "/uitloggen/", "/i18n/", "/static/", "/media/")
TRANSLATED = ("/de/agenda/", "/en/agenda/", "/de/partners/", "/en/partners/")
HREF = re.compile(r'href="([^"#]*)"')


def crawl(client, start=START, limit=600):
    """Every page reachable by links from the start pages, without query strings: {url: response}.

    Filters and sort orders (query strings) show the same page; German and English are followed
    only for the translated agenda and partner pages.
    """
    seen, todo = {}, list(start)
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        assert len(seen) < limit, "the crawl does not end"
        response = client.get(url)
        seen[url] = response
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for href in HREF.findall(response.content.decode()):
            parts = urlsplit(urljoin(url, href.replace("&amp;", "&")))
            path = parts.path
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            if path.startswith(NOT_FOLLOWED):
                continue
            if path.startswith(("/de/", "/en/")) and not path.startswith(TRANSLATED):
                continue
            if path not in seen and path not in todo:
                todo.append(path)
    return seen


def part(html, tag):
    match = re.search(rf"<{tag}[ >].*?</{tag}>", html, re.S)
    return match.group(0) if match else ""


def assert_every_page_carries(pages, name, address, absent):
    assert all(response.status_code == 200 for response in pages.values()), {
        url: response.status_code for url, response in pages.items() if response.status_code != 200
    }
    html_pages = {
        url: response.content.decode()
        for url, response in pages.items()
        if "text/html" in response["Content-Type"]
    }
    for url, html in html_pages.items():
        title, footer, header = part(html, "title"), part(html, "footer"), part(html, "header")
        assert (
            f"Gemeente {name}" in title
            or f"Gemeinde {name}" in title
            or (f"Municipality of {name}" in title)
        ), url
        assert f"{name} Internationa" in header, url  # Internationaal, International
        for piece in address:
            assert piece in footer, (url, piece)
        for word in absent:
            assert word not in title + header + footer, (url, word)
    return html_pages


@pytest.fixture
def enschede(settings):
    """The Enschede data set, served: MUNICIPALITY=enschede and load_municipality enschede."""
    settings.MUNICIPALITY = "enschede"
    call_command("load_municipality", "enschede", stdout=StringIO())
    return Municipality.objects.get(slug="enschede")


def test_every_public_page_of_hengelo_carries_hengelo(client, hengelo):
    pages = crawl(client)
    html_pages = assert_every_page_carries(
        pages,
        "Hengelo",
        ["Hazenweg 121 · Postbus 18, 7550\u00a0AA Hengelo", "14-074"],
        absent=["Enschede", "Langestraat"],
    )
    # The crawl reached the pages of every app, with their records.
    for path in (
        "/voorstellen/2200511/",
        "/netwerken/euregio/",
        "/inspanningen/",
        "/themas/",
        "/partnerstad/emsdetten/",
        "/begroting/",
        "/begroting/vergelijking/",
        "/agenda/feed.ics",
        "/huisstijl.css",
    ):
        assert path in pages, path
    assert len(html_pages) > 60
    assert "zaaknummer 2200511" in part(html_pages["/"], "footer")
    assert "--portal-primary: #0b5394;" in pages["/huisstijl.css"].content.decode()


def test_every_public_page_of_enschede_carries_enschede(client, enschede, assert_valid_html):
    pages = crawl(client)
    html_pages = assert_every_page_carries(
        pages,
        "Enschede",
        ["Langestraat 24 · Postbus 20, 7500\u00a0AA Enschede", "14053"],
        absent=["Hengelo", "Hazenweg", "14-074", "2200511"],
    )
    for path in (
        "/netwerken/eurocities/",
        "/netwerken/tech-land/",
        "/netwerken/vertegenwoordiging-brussel/",
        "/partnerstad/munster/",
        "/partnerstad/palo-alto/",
        "/partnerstad/linkoping/",
        "/partnerstad/gronau/",
        "/begroting/",
        "/begroting/afleiding/",
        "/begroting/scenarios/",
        "/begroting/vergelijking/",
    ):
        assert path in html_pages, path
    # Nothing of Hengelo's data set is on any page; the seed names Hengelo only as a partner.
    for url, html in html_pages.items():
        for word in ("Hazenweg", "14-074", "Emsdetten", "2200511", "Schelberg", "FBK"):
            assert word not in html, (url, word)
    source = "Internationaal beleid, gebaseerd op de brief aan de gemeenteraad van 30 januari 2025"
    assert source in html_pages["/"]
    german = html_pages["/de/agenda/"]
    assert "Grundlage des Schreibens an den Gemeinderat vom 30. Januar 2025" in german
    assert "Internationale Veranstaltungen und Aktivitäten in und mit Enschede" in german
    assert "In Enschede" in html_pages["/agenda/"]
    # The facts of the seed, exactly.
    assert "1980" in html_pages["/partnerstad/palo-alto/"]
    assert "bekrachtigd in 2021" in html_pages["/partnerstad/munster/"]
    assert "samenwerkingsovereenkomst gesloten in 2023" in html_pages["/partnerstad/gronau/"]
    assert "sinds januari 2024 full member" in html_pages["/netwerken/eurocities/"]
    assert "Sinds januari 2024" in html_pages["/netwerken/vertegenwoordiging-brussel/"]
    assert ">Enschede<" in html_pages["/netwerken/eurocities/"]  # represented by itself
    # No budget: the budget pages say so instead of showing zeros.
    for path in ("/begroting/", "/begroting/afleiding/", "/begroting/scenarios/"):
        assert "Er zijn geen begrotingsgegevens van Enschede vastgelegd." in html_pages[path]
        assert "€" not in part(html_pages[path], "main"), path
    assert "aantal inwoners van Enschede" in html_pages["/begroting/vergelijking/"] or (
        "Er zijn nog geen landelijke cijfers vastgelegd." in html_pages["/begroting/vergelijking/"]
    )
    assert "Er zijn geen begrotingsgegevens vastgelegd." in html_pages["/"]
    # Feeds and the house style.
    calendar = pages["/agenda/feed.ics"].content.decode()
    assert "PRODID:-//Gemeente Enschede//Internationale agenda//NL" in calendar
    assert "Internationale agenda van Enschede" in pages["/agenda/feed.rss"].content.decode()
    assert "--portal-primary" not in pages["/huisstijl.css"].content.decode()  # no colours given
    assert_valid_html(
        *(
            pages[path]
            for path in ("/", "/begroting/", "/begroting/vergelijking/", "/netwerken/", "/themas/")
        )
    )


def test_both_data_sets_load_into_their_own_portal_without_each_others_rows(enschede):
    assert set(PartnerCity.objects.values_list("name", flat=True)) == {
        "Münster",
        "Palo Alto",
        "Linköping",
        "Gronau",
    }
    assert PartnerCity.objects.get(slug="palo-alto").since_year == 1980
    assert PartnerCity.objects.get(slug="munster").since_year == 2021
    assert not CouncilProposal.objects.exists()
    assert [(s.title, s.name) for s in enschede.college_signatories] == [
        ("de loco-secretaris", "E.A. Smit"),
        ("de burgemeester", "R.W. Bleker"),
    ]


def test_hengelo_council_pdfs_carry_hengelos_letterhead(hengelo):
    for kind in (DocumentKind.COUNCIL_PROPOSAL, DocumentKind.COVER_LETTER):
        text = normalise(pdf_text(render_pdf(build_document(kind, "2200511")).pdf))
        assert "Gemeente Hengelo" in text, kind
        assert "Langestraat" not in text and "Gemeente Enschede" not in text, kind


def test_a_letter_made_in_the_enschede_portal_carries_enschedes_letterhead(enschede):
    """Enschede has no council proposal in its data; one made in its portal gets its letterhead."""
    council_proposal = CouncilProposal.objects.create(
        case_number="9000001",
        subject="Voorbeeldonderwerp",
        agenda_points="eerste punt\ntweede punt",
    )
    ProcessStep.objects.create(
        council_proposal=council_proposal,
        position=1,
        kind=StepKind.COVER_LETTER,
        title="Brief",
    )
    for kind in (DocumentKind.COUNCIL_PROPOSAL, DocumentKind.COVER_LETTER):
        source = build_document(kind, "9000001")
        text = normalise(pdf_text(render_pdf(source).pdf))
        assert "Gemeente Enschede" in text, kind
        assert "Hengelo" not in text, kind
    for needle in (
        "Langestraat 24",
        "Postbus 20",
        "7500 AA Enschede",
        "14053",
        "Burgemeester en wethouders van Enschede,",
        "de loco-secretaris",
        "E.A. Smit",
        "de burgemeester",
        "R.W. Bleker",
        "eerste punt",
    ):
        assert needle in text, needle


@pytest.mark.parametrize(
    ("data_set", "name", "other"),
    [("hengelo", "Hengelo", "Enschede"), ("enschede", "Enschede", "Hengelo")],
)
def test_api_filters_codes_and_mail_name_the_municipality(
    request, client, settings, make_user, data_set, name, other
):
    """What the settings named before: the API's title and contact, the authenticator app's
    issuer and the mail's sender; and the project filter's 'Rol van ...'."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from notifications.mail import message_from_parts

    request.getfixturevalue(data_set)
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    info = document.json()["info"]
    assert info["title"] == f"{name} Internationaal – open data"
    assert f"internationaal beleid van de gemeente {name}:" in info["description"]
    assert info["contact"]["name"] == f"Gemeente {name}, internationaal beleid"
    assert other not in document.content.decode()
    tags = {tag["name"]: tag["description"] for tag in document.json()["tags"]}
    assert tags["netwerken"] == f"Netwerken waarin {name} meedoet, met fora en thema's."

    projects = client.get("/eu-projecten/").content.decode()
    assert f">Rol van {name}</label>" in projects

    device = TOTPDevice(user=make_user("codes", "accountmanager"), name="app")
    assert f"issuer={name}%20Internationaal" in device.config_url
    assert f"/{name}%20Internationaal%3Acodes?" in device.config_url

    settings.DEFAULT_FROM_EMAIL = f"internationaal@{data_set}.example.org"
    message = message_from_parts(("Onderwerp", "Tekst", "<p>Tekst</p>"), "lezer@example.org")
    assert message.from_email == f"{name} Internationaal <internationaal@{data_set}.example.org>"
    assert message.message()["From"] == message.from_email
    settings.DEFAULT_FROM_EMAIL = "Internationaal <post@example.org>"  # a name set: kept
    assert message_from_parts(("O", "T", "<p>T</p>"), "l@example.org").from_email == (
        "Internationaal <post@example.org>"
    )
