"""The search box in the header: proposals, networks, efforts and partner-city activities."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils.html import escape

from contacts.models import Organisation
from proposals.models import Proposal
from tests.factories import EffortFactory, scale_hengelo_data

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_header_shows_the_search_box_on_every_page(client, hengelo):
    content = text(client.get("/"))
    assert 'action="/zoeken/"' in content
    assert 'name="q"' in content


def test_search_finds_proposals_networks_efforts_and_activities(client, hengelo):
    response = client.get("/zoeken/", {"q": "Emsdetten"})
    assert response.status_code == 200
    content = text(response)
    assert "Voorstel 5: Partnerstadsvereniging Emsdetten" in content
    assert 'href="/netwerken/stedenband-emsdetten/"' in content
    assert "Uitwisseling ondernemers binnenstad Hengelo-Emsdetten 2018" in content
    assert "Activiteiten met partnersteden" in content
    assert 'href="/partnerstad/emsdetten/"' in content


def test_every_word_must_match(client, hengelo):
    content = text(client.get("/zoeken/", {"q": "accountmanager aanstellen"}))
    assert "Voorstel 6: Een accountmanager internationaal aanstellen" in content
    assert "1 resultaat voor" in content
    content = text(client.get("/zoeken/", {"q": "accountmanager zwembad"}))
    assert "Niets gevonden" in content


def test_too_short_or_empty_query_asks_for_more(client, hengelo):
    content = text(client.get("/zoeken/", {"q": "x"}))
    assert "Typ minstens twee letters of cijfers." in content
    response = client.get("/zoeken/")
    assert response.status_code == 200
    # No count and no result groups ('Resultaten' is also a menu item since issue 14).
    assert 'class="result-count"' not in text(response)
    assert 'id="resultaten-' not in text(response)


def test_drafts_are_found_only_by_logged_in_users(client_for, hengelo, council_member):
    Proposal.objects.filter(number=9).update(visibility="concept")
    assert "Ambtenaren over de grens" not in text(client_for(None).get("/zoeken/", {"q": "grens"}))
    content = text(client_for(council_member).get("/zoeken/", {"q": "grens"}))
    assert "Ambtenaren over de grens" in content
    assert 'class="badge badge-concept">concept' in content
    # The badge is written in Python (core.badges), as the include writes it, newline and all.
    proposal = Proposal.objects.get(number=9)
    badge = render_to_string("includes/visibility_badge.html", {"obj": proposal})
    assert f"{escape(proposal.title)}</a>{badge}" in content


def test_many_results_are_cut_off_with_a_link_to_the_full_list(
    client, hengelo, django_assert_max_num_queries
):
    scale_hengelo_data(3)
    for number in range(30):
        EffortFactory(year=2030, number=number + 1, title=f"Zoekbare inspanning {number}")
    # One query per kind of record (seven since issue 16), whatever the number of rows.
    with django_assert_max_num_queries(8):
        content = text(client.get("/zoeken/", {"q": "zoekbare"}))
    assert "Alleen de eerste 20 worden getoond" in content
    assert 'href="/inspanningen/?q=zoekbare"' in content


# --- full-text search on PostgreSQL (issue 16) ---------------------------------------------------


@pytest.mark.postgresql
def test_dutch_stemming_and_synonyms_find_other_forms(client):
    from tests.factories import EffortFactory as Effort

    Effort(year=2031, number=1, title="Samenwerking met Gronau", description="Over grenzen.")
    Effort(year=2031, number=2, title="Een nieuwe vereniging", description="Voor vrijwilligers.")
    Effort(year=2031, number=3, title="Bezoek aan de partnerstad", description="Emsdetten.")
    content = text(client.get("/zoeken/", {"q": "samenwerkingen"}))
    assert "Samenwerking met Gronau" in content
    assert "Een nieuwe vereniging" in text(client.get("/zoeken/", {"q": "verenigingen"}))
    assert "Bezoek aan de partnerstad" in text(client.get("/zoeken/", {"q": "partnersteden"}))
    assert "Niets gevonden" in text(client.get("/zoeken/", {"q": "samenwerkingen zwembad"}))


@pytest.mark.postgresql
def test_results_are_ranked_and_snippets_highlighted_and_escaped(client):
    from tests.factories import EffortFactory as Effort

    Effort(year=2031, number=1, title="Iets anders", description="Eén keer lobby, verder niets.")
    Effort(
        year=2031,
        number=2,
        title="Lobby in Brussel",
        description="Lobby, lobby en nog eens lobby <script>alert(1)</script> bij de EU.",
    )
    content = text(client.get("/zoeken/", {"q": "lobby"}))
    assert content.index("Lobby in Brussel") < content.index("Iets anders")
    assert "<mark>lobby</mark>" in content.lower()
    assert "<script>alert" not in content  # tags never pass: the snippet is escaped


@pytest.mark.postgresql
def test_events_partners_and_budget_lines_are_found_within_what_may_be_seen(client, hengelo):
    from agenda.constants import DatePrecision  # noqa: F401
    from contacts.models import Organisation
    from tests.factories import EventFactory

    EventFactory(
        translations={
            "nl": {"title": "Ontmoeting met partnersteden", "text": "Samenwerkingen in Twente."},
            "de": {"title": "Treffen der Partnerschaften", "text": "Zusammenarbeit in Twente."},
        }
    )
    EventFactory(translations={"nl": {"title": "Geheime samenwerking"}}, visibility="concept")
    Organisation.objects.create(
        name="Geheim bedrijf",
        city="Hengelo",
        international_activities="samenwerking",
        is_public_partner=False,
    )
    Organisation.objects.create(
        name="Open bedrijf",
        city="Hengelo",
        international_activities="samenwerking",
        is_public_partner=True,
    )
    content = text(client.get("/zoeken/", {"q": "samenwerking"}))
    assert "Ontmoeting met partnersteden" in content
    assert "Geheime samenwerking" not in content
    assert "Open bedrijf" in content and "Geheim bedrijf" not in content
    assert "EUREGIO" in text(client.get("/zoeken/", {"q": "lidmaatschap euregio"}))
    german = text(client.get("/de/zoeken/", {"q": "Partnerschaft"}))
    assert "Treffen der Partnerschaften" in german


# --- German and English texts with their own configuration (issue 16) ---------------------------
# The Dutch stemmer reads "Messen" as mess and "Messe" as mes, "businesses" as businesses and
# "business" as busines: only `german` and `english` bring these forms together.


def public_partner(name, **texts):
    partner = Organisation.objects.create(name=name, city="Hengelo", is_public_partner=True)
    partner.set_activities(texts)
    return partner


@pytest.mark.postgresql
def test_german_and_english_event_texts_are_read_with_their_own_configuration(client):
    from tests.factories import EventFactory

    EventFactory(
        translations={
            "nl": {"title": "Beurs in Gronau", "text": "Ondernemers uit Twente."},
            "de": {"title": "Messe in Gronau", "text": "Unternehmen aus dem Münsterland."},
            "en": {"title": "Trade fair in Gronau", "text": "Businesses visited the fair."},
        }
    )
    german = text(client.get("/de/zoeken/", {"q": "Messen Unternehmens"}))
    assert "Messe in Gronau" in german
    assert "<mark>Unternehmen</mark>" in german
    english = text(client.get("/en/zoeken/", {"q": "business visit"}))
    assert "Trade fair in Gronau" in english
    assert "<mark>Businesses</mark> <mark>visited</mark>" in english
    # A translated event is read in the page's language, not in Dutch.
    assert "Niets gevonden" not in text(client.get("/zoeken/", {"q": "ondernemer"}))
    assert "Nothing found" in text(client.get("/en/zoeken/", {"q": "ondernemer"}))


@pytest.mark.postgresql
def test_german_and_english_partner_texts_are_read_with_their_own_configuration(client):
    public_partner(
        "Twentse Handelsbrug",
        nl="Handelsmissies naar Duitsland.",
        de="Besuche von Messen mit Unternehmen aus Twente.",
        en="Trade missions for businesses from Twente.",
    )
    german = text(client.get("/de/zoeken/", {"q": "Messe Unternehmens"}))
    assert "Twentse Handelsbrug" in german
    assert "<mark>Messen</mark>" in german
    english = text(client.get("/en/zoeken/", {"q": "business"}))
    assert "Twentse Handelsbrug" in english
    assert "<mark>businesses</mark>" in english


@pytest.mark.postgresql
def test_without_a_translation_the_dutch_text_is_read_as_dutch(client):
    from tests.factories import EventFactory

    EventFactory(translations={"nl": {"title": "Samenwerking met Gronau", "text": "Verenigingen."}})
    public_partner("Jumelage Twente", nl="Samenwerking met verenigingen in Frankrijk.")
    for prefix in ("/de", "/en"):
        content = text(client.get(prefix + "/zoeken/", {"q": "samenwerkingen vereniging"}))
        assert "Samenwerking met Gronau" in content
        assert "Jumelage Twente" in content
        assert 'lang="nl"><mark>Samenwerking</mark>' in content


@pytest.mark.postgresql
def test_german_and_english_search_stays_within_what_may_be_seen(client_for, council_member):
    from tests.factories import EventFactory

    EventFactory(
        translations={"nl": {"title": "Geheim"}, "de": {"title": "Geheime Messe"}},
        visibility="concept",
    )
    Organisation.objects.create(name="Geheime firma", city="Hengelo").set_activities(
        {"de": "Messen in Deutschland."}
    )
    german = text(client_for(None).get("/de/zoeken/", {"q": "Messen"}))
    assert "Geheime Messe" not in german and "Geheime firma" not in german
    assert "Geheime Messe" in text(client_for(council_member).get("/de/zoeken/", {"q": "Messen"}))


def test_an_event_without_a_translation_is_found_on_german_and_english_pages(client):
    from tests.factories import EventFactory

    EventFactory(translations={"nl": {"title": "Fietstocht naar Gronau"}})
    for prefix in ("/de", "/en"):
        assert "Fietstocht naar Gronau" in text(
            client.get(prefix + "/zoeken/", {"q": "fietstocht"})
        )


def test_search_page_speaks_german_and_english(client, hengelo):
    assert "Geben Sie mindestens zwei Buchstaben" in text(client.get("/de/zoeken/", {"q": "x"}))
    assert "Nothing found. Try another" in text(client.get("/en/zoeken/", {"q": "zwembadxyz"}))


def test_a_kept_search_shows_a_change_at_once_and_keeps_drafts_from_visitors(
    hengelo, council_member, django_assert_max_num_queries
):
    """The results are kept until the content changes (core.kept), per scope of visibility."""
    visitor, member = Client(), Client()
    visitor.cookies["sessionid"] = "no-page-cache"
    member.force_login(council_member)
    query = {"q": "accountmanager"}
    first = text(visitor.get("/zoeken/", query))
    assert "Voorstel 6: Een accountmanager internationaal aanstellen" in first
    with django_assert_max_num_queries(1):  # the session only
        assert text(visitor.get("/zoeken/", query)) == first
    draft = EffortFactory(title="Accountmanager-conceptinspanning", visibility="concept")
    assert "Accountmanager-conceptinspanning" in text(member.get("/zoeken/", query))
    assert "Accountmanager-conceptinspanning" not in text(visitor.get("/zoeken/", query))
    draft.visibility = "openbaar"
    draft.save()
    assert "Accountmanager-conceptinspanning" in text(visitor.get("/zoeken/", query))


# --- through indexes, on stored vectors (issue 17) ----------------------------------------------
# At 100x one search read every row's texts (10,000 events) in 200 ms: each source is now found
# through GIN indexes on the same vectors as the query's, and the events are ranked on vectors
# PostgreSQL stores with each event and translation.


SEARCH_INDEXES = [
    "proposal_search_idx",
    "network_search_idx",
    "effort_search_idx",
    "activity_search_idx",
    "organisation_search_idx",
    "budgetline_search_idx",
]


def search_plans(client, path, query):
    """The search's queries as PostgreSQL reads them (EXPLAIN VERBOSE), without the tables'
    names before the columns (as an index's definition names them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(path, {"q": query})
    plans = []
    with connection.cursor() as cursor:
        for item in captured.captured_queries:
            cursor.execute("EXPLAIN VERBOSE " + item["sql"])
            plans.extend(row[0] for row in cursor.fetchall())
    return re.sub(r"\b[a-z_][a-z_0-9]*\.(?=[a-z_])", "", "\n".join(plans))


def indexed_expressions():
    """{name: expression} of the search's GIN indexes, as PostgreSQL reads them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexdef LIKE %s", ["% USING gin (%"]
        )
        return {name: definition.split(" USING gin (", 1)[1][:-1] for name, definition in cursor}


@pytest.mark.postgresql
def test_every_source_is_matched_on_its_indexed_expressions(client, hengelo):
    # PostgreSQL uses an expression's index where the query has that very expression (at 100x,
    # EXPLAIN ANALYZE shows every one of them used); with a test's few rows it would rather read
    # them all, so the test shows that the query's expression is the index's.
    expressions = indexed_expressions()
    plans = {}
    for prefix, code, config in (
        ("", "nl", "dutch"),
        ("/de", "de", "german"),
        ("/en", "en", "english"),
    ):
        plans[prefix] = search_plans(client, prefix + "/zoeken/", "samenwerking")
        for index in [*SEARCH_INDEXES, f"event_search_{code}_idx", f"org_activities_{config}_idx"]:
            assert f"{expressions[index]} @@ " in plans[prefix], (prefix, index)
    # The events' vectors are read as they are stored for the page's language, and ranked
    # without reading another table (the texts' language from the flag stored beside them).
    assert "ts_rank(search_nl, '''samenwerk'''::tsquery)" in plans[""]
    for code in ("de", "en"):
        assert (
            f"ts_rank(search_{code}, CASE WHEN (CASE WHEN translated_{code} THEN"
            in plans[f"/{code}"]
        )
    assert "search_vector" not in "".join(plans.values())


def texts_in_three_languages(title):
    return {
        "nl": {"title": f"{title} in Gronau", "text": "Tekst.", "organiser": "Stad"},
        "de": {"title": f"{title} in Gronau", "text": "Text.", "organiser": "Stadt"},
        "en": {"title": f"{title} in Gronau", "text": "Text.", "organiser": "City"},
    }


def assert_the_stored_event_vectors_are_the_computed_ones():
    """Every event's stored vector and texts' language, for each page language, are those that
    core.search computes from its texts as with_texts_in reads them (drafts too)."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from agenda.models import Event
    from core.search import computed_vector
    from portal.views import SearchView

    found = {}
    for language in ("nl", "de", "en"):
        with translation.override(language):
            source = next(s for s in SearchView().sources(AnonymousUser()) if s.key == "events")
        rows = (
            Event.objects.with_texts_in(language)
            .with_search_vector(language)
            .annotate(computed=computed_vector(source, language))
            .order_by("pk")
            .values_list("pk", "search", "computed", "search_language", "texts_language")
        )
        assert len(rows) == Event.objects.count()
        assert [row[:2] + row[3:4] for row in rows] == [
            row[:1] + row[2:3] + row[4:] for row in rows
        ]
        found[language] = {pk: vector for pk, vector, *_rest in rows}
    return found


@pytest.mark.postgresql
def test_the_stored_event_vectors_are_the_computed_ones(hengelo):
    from agenda.models import Event
    from tests.factories import EventFactory

    messe = EventFactory(translations=texts_in_three_languages("Messe"), city="Gronau (Westf.)")
    dutch = EventFactory(translations={"nl": {"title": "Alleen Nederlands", "text": "Fietsen."}})
    # A German text without its own organiser shows (and is searched with) the Dutch one.
    fair = EventFactory(
        translations={
            "nl": {"title": "Beurs", "text": "Ondernemers.", "organiser": "Kamers van Koophandel"},
            "de": {"title": "Messen", "text": "Unternehmen.", "organiser": ""},
        },
        visibility="concept",
    )
    vectors = assert_the_stored_event_vectors_are_the_computed_ones()
    assert "'koophandel'" in vectors["de"][fair.pk] and "'gronau'" in vectors["nl"][messe.pk]
    assert "'fiets'" in vectors["en"][dutch.pk]  # no English texts: the Dutch ones

    # A translation added, edited, deleted (parler), an organiser emptied, a city changed.
    dutch.set_current_language("en")
    dutch.title, dutch.text = "Cycling only", "Bicycles."
    dutch.save()
    fair.set_current_language("de")
    fair.text = "Handwerker."
    fair.save()
    fair.set_current_language("nl")
    fair.organiser = ""
    fair.save()
    messe.delete_translation("de")
    Event.objects.filter(pk=messe.pk).update(city="Ochtrup")
    vectors = assert_the_stored_event_vectors_are_the_computed_ones()
    assert "'bicycl'" in vectors["en"][dutch.pk] and "'fiets'" not in vectors["en"][dutch.pk]
    assert "'handwerk'" in vectors["de"][fair.pk] and "'koophandel'" not in vectors["de"][fair.pk]
    assert "'tekst'" in vectors["de"][messe.pk] and "'ochtrup'" in vectors["de"][messe.pk]

    # Written in bulk (bench/seed.py), the translations in one statement.
    events = [EventFactory.build(slug=f"bulk-{n}", city="Emsdetten") for n in range(3)]
    for event in events:
        event.finishes_at = event.compute_finishes_at()
    Event.objects.bulk_create(events)
    Event._parler_meta.root_model.objects.bulk_create(
        Event._parler_meta.root_model(master=event, language_code=code, title=f"{code} {n}")
        for n, event in enumerate(events)
        for code in ("nl", "de")
    )
    vectors = assert_the_stored_event_vectors_are_the_computed_ones()
    assert vectors["de"][events[0].pk] == "'0':3 'de':2 'emsdet':1"
    fair.delete()
    assert_the_stored_event_vectors_are_the_computed_ones()


@pytest.mark.postgresql
def test_every_word_may_be_found_in_another_table(client, hengelo):
    from tests.factories import BudgetLineFactory, EventFactory

    EventFactory(city="Enschede", translations={"nl": {"title": "Fietstocht", "text": "Rondje."}})
    BudgetLineFactory(name="Reiskosten", product__name="Jumelage Twente")
    content = text(client.get("/zoeken/", {"q": "fietstocht enschede"}))
    assert "Fietstocht" in content
    assert "Reiskosten" in text(client.get("/zoeken/", {"q": "reiskosten jumelage"}))
    german = text(client.get("/de/zoeken/", {"q": "fietstocht enschede"}))
    assert "Fietstocht" in german


@pytest.mark.postgresql
def test_a_query_compiled_once_reads_each_search_words_within_what_may_be_seen(
    client_for, hengelo, council_member
):
    # Each source's query is compiled once per process, scope and language (core.search
    # Compiled), with the words put in: later searches find their own words, with the same rows,
    # ranks, snippets and snippet languages as the query compiled for them, and one scope's
    # query never serves another.
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from core import search as core_search
    from core.compiled import forget, kept
    from portal.views import SearchView
    from tests.factories import EventFactory

    forget("search")
    EventFactory(translations=texts_in_three_languages("Messe"), city="Gronau (Westf.)")
    Proposal.objects.filter(number=9).update(visibility="concept")
    draft = "Ambtenaren over de grens"
    assert draft in text(client_for(council_member).get("/zoeken/", {"q": "grens"}))
    assert draft not in text(client_for(None).get("/zoeken/", {"q": "grens"}))
    assert draft not in text(client_for(None).get("/zoeken/", {"q": "ambtenaren"}))
    assert draft in text(client_for(council_member).get("/zoeken/", {"q": "ambtenaren grens"}))

    def found(user, terms, language, scope):
        with translation.override(language):
            sources = SearchView().sources(user)
        groups = core_search.search(sources, terms, language, 20, scope)
        return [
            (g["key"], g["more"], [(r.pk, r.rank, r.highlight, r.highlight_language) for r in rows])
            for g, rows in ((g, g["results"]) for g in groups)
        ]

    searches = [["emsdetten"], ["partnersteden", "europa"], ["messe"], ["gronau", "stad"]]
    for language in ("nl", "de", "en"):
        for user, scope in ((AnonymousUser(), "public"), (council_member, "all")):
            for terms in searches:
                assert found(user, terms, language, scope) == found(user, terms, language, None)
    assert any(found(AnonymousUser(), ["messe"], "de", "public")[4][2])  # the event, in German
    assert len(kept("search")) == 7 * 3 * 2  # per source, language and scope
    assert None not in kept("search").values()


@pytest.mark.parametrize("language", ["nl", "de", "en"])
def test_the_event_rows_written_in_python_are_the_templates(
    client_for, hengelo, council_member, language
):
    """portal.search_rows writes the events' rows as the template's loop does, byte for byte:
    the page rendered again without them (the loop then writes them) has the same section."""
    from tests.factories import EventFactory

    EventFactory(
        translations={
            "nl": {
                "title": "Beurs <&> in Gronau",
                "text": "Tekst over Gronau.",
                "organiser": "A&B",
            },
            "de": {"title": "Messe in Gronau", "text": "Text über Gronau.", "organiser": ""},
        },
        city="Gronau <Westf.>",
    )
    EventFactory(translations={"nl": {"title": "Gronau zonder stad", "text": ""}}, city="")
    EventFactory(
        translations={"nl": {"title": "Concept Gronau", "text": "Gronau."}}, visibility="concept"
    )
    client = client_for(council_member)  # the draft too, with its badge
    path = "/zoeken/" if language == "nl" else f"/{language}/zoeken/"
    response = client.get(path, {"q": "gronau"})
    groups = response.context["groups"]
    events = next(group for group in groups if group["key"] == "events")
    assert events["results"] and "rows" in events
    section = re.compile(r'<section[^>]*resultaten-events">.*?</section>', re.S)
    written = section.search(text(response)).group()
    del events["rows"]
    names = ["query", "terms", "too_short", "groups", "total", "limit"]
    context = {name: response.context[name] for name in names}
    again = render_to_string("portal/search.html", context, response.wsgi_request)
    assert section.search(again).group() == written
    assert "Gronau &lt;Westf.&gt;" in written
