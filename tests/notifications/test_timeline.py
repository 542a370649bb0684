"""The timeline of changes at /wijzigingen/: what, who may see it, filters and query budget."""

from datetime import datetime

import pytest
from django.utils import timezone

from contacts.models import Organisation
from core.constants import Visibility
from proposals.constants import ProposalStatus
from proposals.models import Proposal
from tests.factories import (
    ActivityFactory,
    CouncilProposalFactory,
    NetworkFactory,
    OrganisationFactory,
    ProposalFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

URL = "/wijzigingen/"


def at(model, obj, when):
    """Move every history row of a record to a moment, as if it had been saved then."""
    model.history.filter(id=obj.pk).update(history_date=when)


def moment(day, hour=12):
    return timezone.make_aware(datetime(2018, day[0], day[1], hour))


def set_status(proposal, status, when):
    proposal.status = status
    proposal.save()
    latest = Proposal.history.filter(id=proposal.pk).latest()
    Proposal.history.filter(history_id=latest.history_id).update(history_date=when)


def test_a_status_change_says_from_what_to_what_and_links_to_the_proposal(client):
    proposal = ProposalFactory(title="Accountmanager internationaal")
    set_status(proposal, ProposalStatus.ADOPTED, timezone.now())

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Accountmanager internationaal" in html
    assert 'Status: <span class="old-value">Voorgesteld</span> → ' in html
    assert '<span class="new-value">Aangenomen</span>' in html
    assert proposal.get_absolute_url() in html


def test_anonymous_users_never_see_non_public_records_or_the_contact_registry(
    client, client_for, account_manager
):
    hidden_parent = CouncilProposalFactory(visibility=Visibility.DRAFT)
    ProposalFactory(council_proposal=hidden_parent, title="Onder een concept")
    ProposalFactory(title="Intern voorstel", visibility=Visibility.INTERNAL)
    network = NetworkFactory(name="Openbaar netwerk")
    network.visibility = Visibility.DRAFT
    network.save()
    draft_then_public = NetworkFactory(name="Eerst concept", visibility=Visibility.DRAFT)
    draft_then_public.full_name = "Geheime werknaam"
    draft_then_public.save()
    draft_then_public.visibility = Visibility.PUBLIC
    draft_then_public.save()
    OrganisationFactory(name="Geheime organisatie")

    html = client.get(URL).content.decode()

    assert "Onder een concept" not in html
    assert "Intern voorstel" not in html
    assert "Openbaar netwerk" not in html
    assert "Geheime organisatie" not in html
    assert "Geheime werknaam" not in html
    assert "Contactregister" not in html
    asked = client.get(URL, {"soort": "contacten"})
    assert "Deze soort bestaat niet." in asked.content.decode()
    assert not [entry for entry in asked.context["entries"] if entry.source.kind == "contacten"]

    staff_html = client_for(account_manager).get(URL).content.decode()
    assert "Onder een concept" in staff_html
    assert "Intern voorstel" in staff_html
    assert "Geheime organisatie" in staff_html


def test_council_members_do_not_see_the_contact_registry_people_or_opportunities(
    client_for, council_member
):
    OrganisationFactory(name="Organisatie voor iedereen met inzage")
    html = client_for(council_member).get(URL).content.decode()
    assert "Organisatie voor iedereen met inzage" in html
    assert Organisation.history.count() == 1


def test_since_shows_exactly_the_changes_from_that_day(client):
    before = ProposalFactory(title="Voor de datum")
    on_the_day = ProposalFactory(title="Op de dag zelf")
    after = ProposalFactory(title="Na de datum")
    at(Proposal, before, moment((2, 28), hour=23))
    at(Proposal, on_the_day, moment((3, 1), hour=0))
    at(Proposal, after, moment((3, 2)))
    for obj in (before, on_the_day, after):
        at(type(obj.council_proposal), obj.council_proposal, moment((1, 1)))

    response = client.get(URL, {"sinds": "2018-03-01"})

    titles = [entry.title for entry in response.context["entries"]]
    assert [title.split(". ", 1)[1] for title in titles] == ["Na de datum", "Op de dag zelf"]
    assert response.context["paginator"].count == 2


def test_a_bad_date_gets_a_dutch_message_and_the_other_filters_still_apply(client):
    theme = ThemeFactory(code="arbeidsmarkt", name="Arbeidsmarkt")
    with_theme = ProposalFactory(title="Met thema")
    with_theme.themes.add(theme)
    ProposalFactory(title="Zonder thema")

    response = client.get(URL, {"sinds": "1 maart", "thema": "arbeidsmarkt"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2018-03-01." in html
    titles = " ".join(entry.title for entry in response.context["entries"])
    assert "Met thema" in titles
    assert "Zonder thema" not in titles


def test_filter_by_kind_and_network(client):
    network = NetworkFactory(name="Eurocities-test", slug="eurocities-test")
    proposal = ProposalFactory(title="Lid van het netwerk")
    proposal.networks.add(network)
    ProposalFactory(title="Ander voorstel")

    by_kind = client.get(URL, {"soort": "netwerken"}).context["entries"]
    assert {entry.source.kind for entry in by_kind} == {"netwerken"}
    assert "Eurocities-test" in [entry.title for entry in by_kind]

    by_network = client.get(URL, {"netwerk": "eurocities-test", "soort": "voorstellen"})
    titles = [entry.title for entry in by_network.context["entries"]]
    assert any("Lid van het netwerk" in title for title in titles)
    assert not any("Ander voorstel" in title for title in titles)


def test_the_number_of_queries_does_not_grow_with_the_entries_shown(
    client, django_assert_max_num_queries
):
    theme = ThemeFactory()
    network = NetworkFactory()
    for index in range(40):
        proposal = ProposalFactory()
        proposal.themes.add(theme)
        proposal.networks.add(network)
        proposal.status = ProposalStatus.ADOPTED
        proposal.save()
        proposal.title = f"Nieuwe titel {index}"
        proposal.save()

    with django_assert_max_num_queries(20):
        response = client.get(URL)
    assert len(response.context["entries"]) == 50
    with django_assert_max_num_queries(20):
        client.get(URL, {"thema": theme.code, "netwerk": network.slug, "pagina": 2})


@pytest.mark.html_checker
def test_the_page_is_valid_html(client, assert_valid_html):
    proposal = ProposalFactory()
    set_status(proposal, ProposalStatus.ADOPTED, timezone.now())
    assert_valid_html(client.get(URL), client.get(URL, {"sinds": "gisteren"}))


def test_toezeggingen_are_in_the_timeline_for_signed_in_users_only(client, client_for, clerk):
    from proposals.models import Commitment

    Commitment.objects.create(text="Jaarverslag aan de raad", owner="wethouder")

    assert "Jaarverslag aan de raad" not in client.get(URL).content.decode()
    staff = client_for(clerk).get(URL, {"soort": "besluiten"})
    assert "Jaarverslag aan de raad" in staff.content.decode()


def test_a_slice_is_the_same_rows_as_sorting_everything(client_for, make_user):
    """The paginator's and the feed's slices ask each source for its newest rows only; they
    must be exactly the rows and order of the whole timeline sorted, ties included."""
    from django.contrib.auth.models import AnonymousUser

    from notifications.timeline import rows_for

    proposals = [ProposalFactory(title=f"Voorstel {n}") for n in range(4)]
    networks = [NetworkFactory(name=f"Netwerk {n}") for n in range(3)]
    for index, proposal in enumerate(proposals):
        set_status(proposal, ProposalStatus.ADOPTED, moment((3, 1 + index % 2)))
    for index, network in enumerate(networks):
        at(type(network), network, moment((3, 1 + index % 2)))  # the same moments: ties
    for user in (AnonymousUser(), make_user("raadslid", "raadslid")):
        rows = rows_for(user)
        everything = list(rows)
        assert len(everything) == rows.count() >= 10
        for start, stop in [(0, 3), (2, 7), (5, 50), (0, len(everything)), (len(everything), 99)]:
            assert rows[start:stop] == everything[start:stop], (start, stop)
        assert rows[1] == everything[1]
        assert all(isinstance(row[2], datetime) for row in rows[0:5])


def test_every_kind_of_record_links_to_the_page_that_shows_it():
    """No entry goes without a link: a model without a page of its own names one (link=)."""
    from django.core.exceptions import ImproperlyConfigured

    from notifications.timeline import SOURCES, register
    from partnercity.models import GrantAward

    for source in SOURCES.values():
        assert source.link is not None or hasattr(source.model, "get_absolute_url"), source.key
    with pytest.raises(ImproperlyConfigured, match="get_absolute_url"):
        register(GrantAward, "partnerstad")
    assert "partnercity.grantaward" not in SOURCES


def test_a_partner_city_activity_links_to_its_partner_city(client):
    activity = ActivityFactory(title="Jongerenuitwisseling", partner_city__slug="emsdetten")

    html = client.get(URL, {"soort": "partnerstad"}).content.decode()

    assert 'href="/partnerstad/emsdetten/">Jongerenuitwisseling</a>' in html
    assert activity.partner_city.get_absolute_url() == "/partnerstad/emsdetten/"
