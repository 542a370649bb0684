"""The public agenda as a visitor sees it: list, filters, archive, event page, languages."""

import json
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from agenda.constants import DatePrecision
from core.constants import Visibility
from core.models import Municipality
from tests.factories import (
    EventFactory,
    NetworkFactory,
    PartnerCityFactory,
    ThemeFactory,
    page_of,
    three_languages,
)

pytestmark = pytest.mark.django_db

LIST = reverse("agenda:event-list")
ARCHIVE = reverse("agenda:event-archive")


def html(response):
    return response.content.decode()


def jsonld_blocks(content):
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', content, flags=re.S
        )
    ]


def test_agenda_lists_upcoming_published_events_with_when_where_and_links(client):
    network = NetworkFactory(name="EUREGIO", slug="euregio-test")
    theme = ThemeFactory(name="Sport", code="sport-test")
    city = PartnerCityFactory(name="Emsdetten", slug="emsdetten-test")
    event = EventFactory(
        translations={"nl": {"title": "FBK Games met internationale gasten", "text": "Atletiek."}},
        starts_at=timezone.make_aware(timezone.datetime(2027, 6, 10, 19, 30)),
        ends_at=timezone.make_aware(timezone.datetime(2027, 6, 10, 22, 0)),
        venue="FBK Stadion",
        network=network,
        partner_city=city,
        themes=[theme],
    )
    EventFactory(
        translations={"nl": {"title": "Afgelopen bijeenkomst"}},
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3, hours=-1),
    )
    EventFactory(translations={"nl": {"title": "Geheim concept"}}, visibility=Visibility.DRAFT)

    response = client.get(LIST)

    assert response.status_code == 200
    content = html(response)
    assert "FBK Games met internationale gasten" in content
    assert page_of(event) in content
    assert "donderdag 10 juni 2027, 19:30" in content
    assert "22:00" in content
    assert 'datetime="2027-06-10T19:30:00+02:00"' in content  # Europe/Amsterdam, summer time
    assert "FBK Stadion, Hazenweg 121, Hengelo" in content
    assert "EUREGIO" in content and "Sport" in content and "Emsdetten" in content
    assert "Afgelopen bijeenkomst" not in content
    assert "Geheim concept" not in content
    assert '<html lang="nl">' in content


def hengelo_as_municipality():
    """The identity 'In Hengelo' (?where=hengelo) filters on, without the whole data set."""
    Municipality.objects.get_or_create(
        slug="hengelo", defaults={"name": "Hengelo", "official_name": "Gemeente Hengelo"}
    )
    Municipality.objects.filter(slug="hengelo").update(city="Hengelo")


def test_agenda_list_queries_do_not_grow_with_the_events(client, django_assert_max_num_queries):
    hengelo_as_municipality()
    themes = [ThemeFactory(code=f"thema-q{n}", name=f"Thema q{n}") for n in range(3)]
    for n in range(30):
        EventFactory(
            translations=three_languages(f"Evenement {n}"),
            network=NetworkFactory(),
            partner_city=PartnerCityFactory(),
            themes=themes,
        )
    # The first request after a change also finds the filters' choices (2 queries: the months,
    # the themes, networks and partner cities with events), writes the cards (3: events, texts,
    # themes) and the filter's fields (3), and keeps them until the next change (core.kept).
    with django_assert_max_num_queries(11):
        response = client.get(LIST)
    assert response.status_code == 200
    assert html(response).count('class="card mb-3 event-card"') == 20  # first page
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-page-cache"  # rendered, not served
    with django_assert_max_num_queries(3):  # the session, the count and the page's ids
        again = client.get(LIST)
    assert again.content == response.content
    with django_assert_max_num_queries(10):
        second = html(client.get(LIST, {"page": 2, "where": "hengelo"}))
    assert second.count('class="card mb-3 event-card"') == 10
    assert 'href="/agenda/feed.ics?where=hengelo"' in second  # the feed keeps the filter only


def test_archive_holds_past_events_most_recent_first_and_the_2018_work_plan(client, hengelo):
    EventFactory(
        translations={"nl": {"title": "Vorige maand"}},
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30, hours=-2),
    )
    EventFactory(translations={"nl": {"title": "Nog te komen"}})

    content = html(client.get(ARCHIVE))

    assert "Vorige maand" in content
    assert "Nog te komen" not in content
    assert "European Week of Regions and Cities 2018" in content
    assert "Eurocities Social Affairs Forum in Utrecht" in content
    assert content.index("Vorige maand") < content.index("European Week of Regions")
    # The seeds give the year only: the archive says 2018 and invents no day.
    assert '<time datetime="2018">2018</time>' in content
    assert "1 januari 2018" not in content


def test_archive_queries_do_not_grow_with_the_events(client, django_assert_max_num_queries):
    for n in range(30):
        EventFactory(
            translations=three_languages(f"Oud {n}"),
            starts_at=timezone.now() - timedelta(days=n + 2),
            ends_at=None,
            network=NetworkFactory(),
            themes=[ThemeFactory(code=f"oud-{n}", name=f"Oud thema {n}")],
        )
    with django_assert_max_num_queries(13):  # with the filters' choices, as on the agenda
        response = client.get(ARCHIVE)
    assert response.status_code == 200
    with django_assert_max_num_queries(8):  # the choices and the fields kept
        response = client.get(ARCHIVE, {"page": 2})
    assert response.status_code == 200


@pytest.fixture
def spread():
    """Events in Hengelo and in Germany, with a theme, a network and a partner city each."""
    hengelo_as_municipality()
    sport = ThemeFactory(code="sport-f", name="Sport f")
    culture = ThemeFactory(code="cultuur-f", name="Cultuur f")
    euregio = NetworkFactory(name="EUREGIO f", slug="euregio-f")
    emsdetten = PartnerCityFactory(name="Emsdetten f", slug="emsdetten-f")
    now = timezone.localtime()
    in_two_months = (now + timedelta(days=62)).replace(hour=10, minute=0, second=0)
    return {
        "hengelo": EventFactory(
            translations={"nl": {"title": "In Hengelo"}}, city="Hengelo", themes=[sport]
        ),
        "germany": EventFactory(
            translations={"nl": {"title": "In Gronau"}},
            city="Gronau",
            country="DE",
            network=euregio,
            themes=[culture],
        ),
        "partner": EventFactory(
            translations={"nl": {"title": "In Emsdetten"}},
            city="Emsdetten",
            country="DE",
            partner_city=emsdetten,
            starts_at=in_two_months,
            ends_at=in_two_months + timedelta(hours=3),
        ),
        "brussels": EventFactory(
            translations={"nl": {"title": "In Brussel"}}, city="Brussel", country="BE"
        ),
        "month": in_two_months.strftime("%Y-%m"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"where": "hengelo"}, {"In Hengelo"}),
        ({"where": "duitsland"}, {"In Gronau", "In Emsdetten"}),
        ({"theme": "sport-f"}, {"In Hengelo"}),
        ({"network": "euregio-f"}, {"In Gronau"}),
        ({"partner_city": "emsdetten-f"}, {"In Emsdetten"}),
        ({"where": "duitsland", "theme": "cultuur-f"}, {"In Gronau"}),
        ({}, {"In Hengelo", "In Gronau", "In Emsdetten", "In Brussel"}),
    ],
)
def test_filters_narrow_the_agenda(client, spread, query, expected):
    content = html(client.get(LIST, query))
    shown = {title for title in ("In Hengelo", "In Gronau", "In Emsdetten", "In Brussel")
             if f">{title}</a>" in content}  # fmt: skip
    assert shown == expected


def test_month_filter_offers_the_months_with_events_and_narrows_to_one(client, spread):
    content = html(client.get(LIST))
    assert f'<option value="{spread["month"]}">' in content
    content = html(client.get(LIST, {"month": spread["month"]}))
    assert ">In Emsdetten</a>" in content
    assert ">In Hengelo</a>" not in content


@pytest.mark.parametrize(
    "query",
    [
        {"theme": "bestaat-niet"},
        {"network": "<script>"},
        {"partner_city": "nergens"},
        {"where": "mars"},
        {"month": "2027-13"},
        {"month": "volgende week"},
    ],
)
def test_an_unknown_filter_value_gives_a_clear_message_not_an_error(client, spread, query):
    response = client.get(LIST, query)
    assert response.status_code == 400
    content = html(response)
    assert "Een of meer filters zijn ongeldig" in content
    assert 'aria-invalid="true"' in content
    assert "<script>" not in content.split("<main")[1]


def test_event_page_shows_the_event_and_its_structured_data(client):
    event = EventFactory(
        translations=three_languages("Vergadering EUREGIO-raad"),
        city="Gronau",
        country="DE",
        venue="EUREGIO-huis",
        website="https://www.euregio.eu/",
        starts_at=timezone.make_aware(timezone.datetime(2027, 2, 3, 14, 0)),
        ends_at=timezone.make_aware(timezone.datetime(2027, 2, 3, 17, 0)),
    )
    response = client.get(page_of(event))
    assert response.status_code == 200
    content = html(response)
    assert "Vergadering EUREGIO-raad (nl)" in content
    assert "woensdag 3 februari 2027, 14:00" in content
    assert "Duitsland" in content
    assert reverse("agenda:event-ics", args=[event.slug]) in content
    [data] = jsonld_blocks(content)
    assert data["@type"] == "Event"
    assert data["name"] == "Vergadering EUREGIO-raad (nl)"
    assert data["startDate"] == "2027-02-03T14:00:00+01:00"
    assert data["endDate"] == "2027-02-03T17:00:00+01:00"
    assert data["location"]["address"]["addressLocality"] == "Gronau"
    assert data["location"]["address"]["addressCountry"] == "DE"
    assert data["url"] == f"http://testserver{page_of(event)}"
    assert data["inLanguage"] == "nl"
    assert data["organizer"]["url"] == "https://www.euregio.eu/"


def test_structured_data_organizer_has_a_url_and_every_event_a_place(client):
    from tests.factories import OrganisationFactory

    OrganisationFactory(name="WTC Twente", website="https://wtc.example/", is_public_partner=True)
    start = timezone.make_aware(timezone.datetime(2027, 5, 3, 14, 0))
    partner_event = EventFactory(organiser="WTC Twente", starts_at=start, website="")
    [data] = jsonld_blocks(html(client.get(page_of(partner_event))))
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "WTC Twente",
        "url": "https://wtc.example/",
    }
    assert data["location"]["address"]["@type"] == "PostalAddress"
    assert data["location"]["address"]["addressLocality"]
    own = EventFactory(organiser="Gemeente Hengelo", starts_at=start, website="")
    [data] = jsonld_blocks(html(client.get(page_of(own))))
    assert data["organizer"]["url"] == f"http://testserver{page_of(own)}"
    nowhere = EventFactory(starts_at=start, venue="", address="", city="", country="")
    assert jsonld_blocks(html(client.get(page_of(nowhere)))) == []
    month = EventFactory(starts_at=start, date_precision=DatePrecision.MONTH, ends_at=None)
    assert jsonld_blocks(html(client.get(page_of(month)))) == []


def test_event_page_queries_stay_few(client, django_assert_max_num_queries):
    event = EventFactory(
        translations=three_languages("Veel thema's"),
        network=NetworkFactory(),
        partner_city=PartnerCityFactory(),
        themes=[ThemeFactory(code=f"t-{n}", name=f"T {n}") for n in range(10)],
    )
    with django_assert_max_num_queries(5):
        response = client.get(page_of(event))
    assert response.status_code == 200


def test_event_known_only_by_year_says_so_and_cannot_go_into_a_calendar(client, hengelo):
    response = client.get(
        reverse("agenda:event-detail", args=["uitwisseling-ambtenaren-mont-2018"])
    )
    content = html(response)
    assert "Uitwisseling ambtenaren MONT" in content
    assert "de precieze datum is niet bekend" in content
    assert "Toevoegen aan agenda" not in content
    # No schema.org Event: it would claim a day that nobody knows.
    assert jsonld_blocks(content) == []
    assert (
        client.get(
            reverse("agenda:event-ics", args=["uitwisseling-ambtenaren-mont-2018"])
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("prefix", "language", "title", "weekday"),
    [
        ("", "nl", "Bezoek aan Emsdetten (nl)", "woensdag"),
        ("/de", "de", "Bezoek aan Emsdetten (de)", "Mittwoch"),
        ("/en", "en", "Bezoek aan Emsdetten (en)", "Wednesday"),
    ],
)
def test_pages_in_three_languages(client, prefix, language, title, weekday):
    event = EventFactory(
        translations=three_languages("Bezoek aan Emsdetten"),
        starts_at=timezone.make_aware(timezone.datetime(2027, 2, 3, 14, 0)),
    )
    for path in (LIST, page_of(event)):
        response = client.get(prefix + path)
        assert response.status_code == 200
        content = html(response)
        assert f'<html lang="{language}">' in content
        assert title in content
        assert weekday in content
        assert "nog niet vertaald" not in content
        for code, href_prefix in (("nl", ""), ("de", "/de"), ("en", "/en")):
            assert f'hreflang="{code}" href="http://testserver{href_prefix}{path}"' in content
        assert f'hreflang="x-default" href="http://testserver{path}"' in content


def test_german_page_falls_back_to_dutch_and_says_so(client):
    event = EventFactory(translations={"nl": {"title": "Alleen Nederlands", "text": "Tekst nl."}})
    content = html(client.get("/de" + page_of(event)))
    assert '<html lang="de">' in content
    assert '<h1 class="h2" id="evenement-titel" lang="nl">Alleen Nederlands</h1>' in content
    assert "Dieser Text ist noch nicht übersetzt" in content
    list_content = html(client.get("/de" + LIST))
    assert 'lang="nl">\n      <a href="' in list_content
    assert "nur auf Niederländisch" in list_content


def test_german_interface_texts_are_translated(client, spread):
    content = html(client.get("/de" + LIST))
    assert "Internationaler Veranstaltungskalender" in content
    assert "In Deutschland" in content
    assert "Filter anwenden" in content
    assert "Kommende Veranstaltungen" in content and "Lokale Partner" in content
    content = html(client.get("/en" + LIST))
    assert "International events calendar" in content
    assert "In Germany" in content


def test_a_draft_event_is_not_public_anywhere(client, spread):
    draft = EventFactory(
        translations=three_languages("Geheime raadsexcursie"),
        visibility=Visibility.DRAFT,
        city="Hengelo",
    )
    internal = EventFactory(
        translations=three_languages("Intern overleg"), visibility=Visibility.INTERNAL
    )
    urls = [
        LIST,
        ARCHIVE,
        LIST + "?where=hengelo",
        reverse("agenda:calendar-feed"),
        reverse("agenda:rss-feed"),
        reverse("agenda:atom-feed"),
        reverse("agenda:partner-list"),
        reverse("agenda:sitemap"),
    ]
    for prefix in ("", "/de", "/en"):
        for url in urls:
            content = html(client.get(prefix + url))
            assert "Geheime raadsexcursie" not in content, prefix + url
            assert "Intern overleg" not in content, prefix + url
            assert str(draft.uid) not in content
        for hidden in (draft, internal):
            assert client.get(prefix + page_of(hidden)).status_code == 404
            ics = reverse("agenda:event-ics", args=[hidden.slug])
            assert client.get(prefix + ics).status_code == 404


def test_staff_see_a_draft_marked_as_concept_without_structured_data(client, council_member):
    draft = EventFactory(translations={"nl": {"title": "Concept-evenement"}}, visibility="concept")
    client.force_login(council_member)
    content = html(client.get(page_of(draft)))
    assert "Concept-evenement" in content
    assert 'class="badge badge-concept">concept<' in content
    assert jsonld_blocks(content) == []
    assert "Toevoegen aan agenda" not in content


INJECTION = '</script><script>alert("x")</script><b onmouseover="x()">vet</b>'


def test_script_in_an_event_text_is_escaped_in_page_and_json_ld(client):
    event = EventFactory(
        translations={"nl": {"title": f"Titel {INJECTION}", "text": f"Tekst {INJECTION}"}}
    )
    for url in (LIST, page_of(event)):
        content = html(client.get(url))
        assert "<script>alert" not in content
        assert "<b onmouseover" not in content
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content
    content = html(client.get(page_of(event)))
    [data] = jsonld_blocks(content)
    assert data["name"] == f"Titel {INJECTION}"
    assert data["description"] == f"Tekst {INJECTION}"
    block = content.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block and ">" not in block


def test_precision_is_shown_for_whole_days_and_multi_day_events(client):
    start = timezone.make_aware(timezone.datetime(2027, 10, 11))
    event = EventFactory(
        translations={"nl": {"title": "Week van de regio's"}},
        date_precision=DatePrecision.DAY,
        starts_at=start,
        ends_at=start + timedelta(days=3),
    )
    content = html(client.get(page_of(event)))
    assert "maandag 11 oktober 2027" in content
    assert "donderdag 14 oktober 2027" in content
    assert "00:00" not in content


def test_sitemap_lists_published_events_with_their_german_and_english_pages(client):
    event = EventFactory(translations=three_languages("In de sitemap"))
    content = html(client.get(reverse("agenda:sitemap")))
    assert f"<loc>http://testserver{page_of(event)}</loc>" in content
    assert (
        f'<xhtml:link rel="alternate" hreflang="de" href="http://testserver/de{page_of(event)}"/>'
        in content
    )
    assert "<loc>http://testserver/de/agenda/</loc>" in content


def test_agenda_pages_are_well_formed_html(client, hengelo, spread):
    from tinyhtml5.parser import HTMLParser  # the HTML5 parser WeasyPrint brings

    event = spread["hengelo"]
    for prefix in ("", "/de", "/en"):
        for url in (LIST, LIST + "?where=hengelo", LIST + "?month=2027-13", ARCHIVE,
                    page_of(event), reverse("agenda:partner-list")):  # fmt: skip
            parser = HTMLParser()
            parser.parse(client.get(prefix + url).content)
            assert parser.errors == [], (prefix + url, parser.errors[:3])


def test_agenda_offers_a_webcal_subscription_of_its_filter_with_instructions(client, spread):
    content = html(client.get(LIST, {"where": "duitsland", "page": "1"}))
    assert 'href="webcal://testserver/agenda/feed.ics?where=duitsland"' in content
    assert "http://testserver/agenda/feed.ics?where=duitsland</code>" in content
    for client_name in ("Outlook", "Google Agenda", "Apple Agenda"):
        assert client_name in content
    assert "van een jaar terug tot een jaar vooruit; eerdere staan in het archief" in content


def test_subscribe_instructions_and_footer_in_german_and_english(client, spread):
    german = html(client.get("/de" + LIST))
    assert "In Ihrer Kalender-App abonnieren (webcal)" in german
    assert "von einem Jahr zurück bis ein Jahr voraus" in german
    assert "Offene Daten: die API (OpenAPI)" in german
    english = html(client.get("/en" + LIST))
    assert "Subscribe in your calendar app (webcal)" in english
    assert "Calendar, Add calendar, Subscribe from web; paste the address." in english
