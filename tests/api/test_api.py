"""The public API against the NL GOV API Design Rules, on real responses with the Hengelo data."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from rest_framework.throttling import AnonRateThrottle

from agenda.constants import DatePrecision
from contacts.models import Organisation
from core.constants import Visibility
from networks.models import Network
from proposals.constants import DocumentKind, ExportStatus
from proposals.models import CouncilProposal, DocumentExport, Proposal
from tests.factories import EventFactory, NetworkFactory, three_languages

pytestmark = pytest.mark.django_db

API = "/api/v1"
LISTS = [
    "raadsvoorstellen", "netwerken", "inspanningen", "themas", "partnersteden",
    "begrotingsregels", "evenementen", "partners", "informatieobjecten", "besluiten",
]  # fmt: skip
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def problem_of(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body


def bad_names(response):
    return {param["name"] for param in problem_of(response, 400)["invalidParams"]}


def test_openapi_document_is_public_with_contact_and_semantic_version(client, hengelo):
    response = client.get(f"{API}/openapi.json", HTTP_ORIGIN="https://www.hengelo.nl")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["API-Version"] == "1.1.0"
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Hengelo Internationaal – open data"
    assert "internationaal beleid van de gemeente Hengelo:" in document["info"]["description"]
    assert document["info"]["contact"] == {
        "name": "Gemeente Hengelo, internationaal beleid",
        "email": "gemeente@hengelo.nl",  # from core/data/hengelo.yaml
        "url": f"{settings.PORTAL_BASE_URL}/",  # the data names no website: this portal
    }
    assert re.fullmatch(r"\d+\.\d+\.\d+", document["info"]["version"])
    assert document["servers"] == [{"url": "/api/v1", "description": "Dit portaal"}]


def test_paths_are_dutch_kebab_case_without_trailing_slash_and_query_keys_camel_case(client):
    document = client.get(f"{API}/openapi.json").json()
    assert {path.split("/")[1] for path in document["paths"]} == set(LISTS)
    for path, item in document["paths"].items():
        assert re.fullmatch(r"(/[a-z]+(-[a-z]+)*|/\{[a-z][a-zA-Z]*\})+", path), path
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    assert re.fullmatch(r"[a-z][a-zA-Z]*", parameter["name"]), parameter
            assert "400" in operation["responses"] and "429" in operation["responses"]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_answers_with_version_cors_and_pagination(client, hengelo, name):
    response = client.get(f"{API}/{name}", {"limit": 1}, HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["API-Version"] == "1.1.0"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["previous"] is None
    if body["count"] > 1:
        assert body["next"] == f"http://testserver{API}/{name}?limit=1&page=2"
        second = client.get(body["next"]).json()
        assert second["previous"] == f"http://testserver{API}/{name}?limit=1"
        assert second["results"] != body["results"]


def test_cors_only_on_the_api(client, hengelo):
    response = client.get("/agenda/", HTTP_ORIGIN="https://example.org")
    assert "Access-Control-Allow-Origin" not in response
    assert "API-Version" not in response


@pytest.mark.parametrize("path", [f"{API}/themas/", f"{API}/netwerken/eurocities/", "/api/v2/x"])
def test_a_trailing_slash_or_unknown_path_is_a_404_problem_not_a_redirect(client, hengelo, path):
    response = client.get(path)
    problem_of(response, 404)
    assert response["API-Version"] == "1.1.0"


def test_all_bad_parameters_are_named_at_once(client, hengelo):
    response = client.get(
        f"{API}/evenementen",
        {"onbekend": "1", "vanaf": "2027-02-30", "totEnMet": "morgen", "page": "0",
         "limit": "100000", "taal": "fr", "thema": "bestaat-niet", "maand": "2027-13"},
    )  # fmt: skip
    assert bad_names(response) == {
        "onbekend", "vanaf", "totEnMet", "page", "limit", "taal", "thema", "maand",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"sortering": "naam"}, "sortering"),
        ({"page_size": "5"}, "page_size"),
        ({"limit": "101"}, "limit"),
        ({"limit": "-1"}, "limit"),
        ({"page": "abc"}, "page"),
        ({"page": "²"}, "page"),
        ({"page": "9999"}, "page"),
        ({"taal": "xx"}, "taal"),
        ({"jaar": "tweeduizend"}, "jaar"),
        ({"jaar": "99999999999999999999"}, "jaar"),
    ],
)
def test_each_kind_of_bad_input_is_a_400_problem_naming_the_parameter(client, hengelo, query, name):
    assert bad_names(client.get(f"{API}/inspanningen", query)) == {name}


def test_a_detail_rejects_list_parameters(client, hengelo):
    assert bad_names(client.get(f"{API}/netwerken/eurocities", {"page": "2"})) == {"page"}
    problem_of(client.get(f"{API}/netwerken/bestaat-niet"), 404)


def test_dates_are_rfc3339_with_zone(client):
    EventFactory(starts_at=timezone.make_aware(timezone.datetime(2027, 7, 1, 19, 30)))
    [event] = client.get(f"{API}/evenementen").json()["results"]
    assert RFC3339.match(event["begin"]) and RFC3339.match(event["einde"])
    assert event["begin"] == "2027-07-01T19:30:00+02:00"


def test_filters_mirror_the_pages(client, hengelo):
    efforts = client.get(f"{API}/inspanningen", {"jaar": 2018, "limit": 100}).json()
    assert efforts["count"] == 16
    assert {effort["jaar"] for effort in efforts["results"]} == {2018}
    lines = client.get(f"{API}/begrotingsregels", {"jaar": 2017, "limit": 100}).json()["results"]
    assert lines and {line["jaar"] for line in lines} == {2017}
    emsdetten = [
        line for line in lines if line["omschrijving"] == "Activiteiten partnerschap Emsdetten"
    ]
    assert emsdetten[0]["bedrag"] == 7000
    EventFactory(slug="gronau", city="Gronau", country="DE")
    EventFactory(slug="thuis", city="Hengelo", country="NL")
    germany = client.get(f"{API}/evenementen", {"waar": "duitsland", "limit": 100}).json()
    assert [event["slug"] for event in germany["results"]] == ["gronau"]


def test_council_proposal_with_its_proposals_decision_points_and_steps(client, hengelo):
    proposal = client.get(f"{API}/raadsvoorstellen/2200511").json()
    assert proposal["zaaknummer"] == "2200511"
    assert proposal["raadsvergadering"] == "2018-03-06"
    assert [item["nummer"] for item in proposal["voorstellen"]] == list(range(1, 10))
    assert [point["nummer"] for point in proposal["beslispunten"]] == [1, 2]
    assert any(step["datum"] == "2018-02-14" for step in proposal["stappen"])


def test_events_per_language_fall_back_to_dutch_and_say_so(client):
    EventFactory(slug="drie-talen", translations=three_languages("FBK Games"))
    EventFactory(slug="alleen-nl", translations={"nl": {"title": "Alleen Nederlands"}})
    german = {
        e["slug"]: e for e in client.get(f"{API}/evenementen", {"taal": "de"}).json()["results"]
    }
    assert german["drie-talen"]["titel"] == "FBK Games (de)"
    assert german["drie-talen"]["taal"] == "de"
    assert german["drie-talen"]["webpagina"] == "http://testserver/de/agenda/drie-talen/"
    assert german["alleen-nl"]["titel"] == "Alleen Nederlands"
    assert german["alleen-nl"]["taal"] == "nl"


def test_never_a_draft_and_nothing_of_the_contact_registry_but_public_partners(client, hengelo):
    EventFactory(slug="concept", visibility=Visibility.DRAFT)
    NetworkFactory(slug="intern-netwerk", visibility=Visibility.INTERNAL)
    council = CouncilProposal.objects.get(case_number="2200511")
    Proposal.objects.filter(council_proposal=council, number=9).update(visibility=Visibility.DRAFT)
    hidden = Organisation.objects.filter(is_public_partner=False).first()
    assert hidden is not None
    slugs = [e["slug"] for e in client.get(f"{API}/evenementen", {"limit": 100}).json()["results"]]
    assert "concept" not in slugs
    problem_of(client.get(f"{API}/evenementen/concept"), 404)
    networks = client.get(f"{API}/netwerken", {"limit": 100}).json()["results"]
    assert "intern-netwerk" not in {network["slug"] for network in networks}
    problem_of(client.get(f"{API}/netwerken/intern-netwerk"), 404)
    numbers = [
        p["nummer"] for p in client.get(f"{API}/raadsvoorstellen/2200511").json()["voorstellen"]
    ]
    assert numbers == list(range(1, 9))
    partners = client.get(f"{API}/partners", {"limit": 100}).json()["results"]
    assert {p["naam"] for p in partners} == set(
        Organisation.objects.filter(is_public_partner=True).values_list("name", flat=True)
    )
    assert hidden.name not in {p["naam"] for p in partners}
    problem_of(client.get(f"{API}/partners/{hidden.pk}"), 404)
    CouncilProposal.objects.update(visibility=Visibility.DRAFT)
    assert client.get(f"{API}/raadsvoorstellen").json()["count"] == 0
    assert client.get(f"{API}/besluiten").json()["count"] == 0


def test_a_change_shows_at_once_although_answers_are_cached(client, hengelo):
    first = client.get(f"{API}/netwerken/eurocities").json()
    assert client.get(f"{API}/netwerken/eurocities").json() == first
    network = Network.objects.get(slug="eurocities")
    network.full_name = "Eurocities (gewijzigd)"
    network.save()
    assert client.get(f"{API}/netwerken/eurocities").json()["volledigeNaam"] == (
        "Eurocities (gewijzigd)"
    )


def test_open_raadsinformatie_documents_and_decisions_link_the_pdf(client, hengelo):
    council = CouncilProposal.objects.get(case_number="2200511")
    export = DocumentExport(
        council_proposal=council,
        kind=DocumentKind.COUNCIL_PROPOSAL,
        status=ExportStatus.READY,
        finished_at=timezone.now(),
        file_size=9,
        content_hash="a" * 64,
    )
    export.file.save("api-test.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    DocumentExport.objects.create(
        council_proposal=council, kind=DocumentKind.COVER_LETTER, status=ExportStatus.FAILED
    )
    [document] = client.get(f"{API}/informatieobjecten").json()["results"]
    assert document["informatieobjecttype"] == "raadsvoorstel"
    assert document["taal"] == "dut" and document["formaat"] == "application/pdf"
    assert document["titel"].endswith(council.subject)
    assert RFC3339.match(document["datum"])
    pdf = client.get(document["inhoud"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    decisions = client.get(f"{API}/besluiten", {"raadsvoorstel": "2200511"}).json()["results"]
    assert [d["document"] for d in decisions] == [document["inhoud"]] * 2
    assert {d["datum"] for d in decisions} == {"2018-03-06"}
    council.visibility = Visibility.DRAFT
    council.save()
    problem_of(client.get(document["inhoud"]), 404)


def test_anonymous_clients_are_rate_limited_with_a_problem(client, hengelo, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    for limit in (1, 2, 3):  # each a new request: a page from the cache costs nothing
        assert client.get(f"{API}/themas", {"limit": limit}).status_code == 200
    body = problem_of(client.get(f"{API}/themas", {"limit": 4}), 429)
    assert "Te veel verzoeken" in body["detail"]


@pytest.mark.parametrize("name", LISTS)
def test_lists_take_few_queries(client, hengelo, django_assert_max_num_queries, name):
    EventFactory.create_batch(5, translations=three_languages("Veel"))
    with django_assert_max_num_queries(8):
        response = client.get(f"{API}/{name}", {"limit": 100})
    assert response.status_code == 200


def test_year_only_events_keep_their_precision(client, hengelo):
    events = client.get(f"{API}/evenementen", {"limit": 100}).json()["results"]
    archive = [e for e in events if e["slug"] == "uitwisseling-ambtenaren-mont-2018"]
    assert archive[0]["datumPrecisie"] == DatePrecision.YEAR
    assert archive[0]["einde"] is None
    _ = timedelta  # noqa


@pytest.mark.parametrize("prefix", ["", "/de", "/en"])
def test_footer_of_every_page_links_the_openapi_document(client, hengelo, prefix):
    content = client.get(f"{prefix}/agenda/").content.decode()
    assert 'href="/api/v1/openapi.json"' in content.split("<footer")[1]
