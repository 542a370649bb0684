"""Subscribing: signed-in users follow what they may see; the public confirms by a link."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from core.constants import Role, Visibility
from notifications.constants import Frequency, Topic
from notifications.models import Subscriber, Subscription
from tests.factories import ProposalFactory, ThemeFactory

pytestmark = pytest.mark.django_db

LIST = "/wijzigingen/abonnementen/"
PUBLIC = "/wijzigingen/aanmelden/"


@pytest.fixture
def member(make_user):
    return make_user("raadslid", Role.COUNCIL_MEMBER, email="raadslid@example.org")


def test_the_subscriptions_page_needs_a_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"]


def test_a_council_member_follows_a_theme_weekly_and_stops(client_for, member):
    theme = ThemeFactory(code="arbeidsmarkt-talent", name="Arbeidsmarkt & talent")
    client = client_for(member)

    response = client.post(
        LIST, {"topic": Topic.THEME, "theme": theme.pk, "frequency": Frequency.WEEKLY}, follow=True
    )

    assert "U volgt nu Thema: Arbeidsmarkt &amp; talent (wekelijks)." in response.content.decode()
    subscription = Subscription.objects.get(subscriber__user=member)
    assert subscription.theme == theme and subscription.is_confirmed()
    data = client.get(LIST + "mijn-gegevens.json").json()
    assert data["abonnementen"][0]["onderwerp"] == "Thema: Arbeidsmarkt & talent"

    client.post(f"{LIST}{subscription.pk}/verwijderen/")
    assert not Subscription.objects.exists()


def test_nobody_subscribes_to_what_they_may_not_see(client_for, member, client):
    internal = ProposalFactory(visibility=Visibility.INTERNAL)
    client = client_for(member)

    response = client.post(
        LIST, {"topic": Topic.PROPOSAL, "proposal": 999999, "frequency": Frequency.DAILY}
    )
    assert "Dit voorstel bestaat niet of u mag het niet zien." in response.content.decode()
    response = client.post(LIST, {"topic": Topic.NETWORK, "frequency": Frequency.DAILY})
    assert "Kies wat u wilt volgen." in response.content.decode()
    assert not Subscription.objects.exists()
    # The public can follow only the agenda and the public timeline, never a record.
    client.logout()
    response = client.post(
        PUBLIC,
        {
            "email": "a@example.org",
            "topic": Topic.PROPOSAL,
            "proposal": internal.pk,
            "frequency": "wekelijks",
            "language": "nl",
        },
    )
    assert "Selecteer een geldige keuze" in response.content.decode() or (
        "geen geldige keuze" in response.content.decode()
    )
    assert not Subscription.objects.exists()


def test_another_users_subscription_cannot_be_removed(client_for, member, make_user):
    other = make_user("ander", Role.COUNCIL_MEMBER, email="ander@example.org")
    from notifications.services import subscribe_user

    subscription = subscribe_user(other, Topic.EVERYTHING, Frequency.DAILY)
    response = client_for(member).post(f"{LIST}{subscription.pk}/verwijderen/")
    assert response.status_code == 404
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def confirmation_link(inbox):
    text = inbox.text(inbox.messages[-1])
    return re.search(r"(/wijzigingen/bevestigen/[^/\s]+/)", text).group(1)


@pytest.fixture
def subscribe(client, smtp_server, django_capture_on_commit_callbacks):
    """Post the public form; the confirmation mail is sent after the commit, as in production."""

    def post(**data):
        data = {"topic": Topic.AGENDA, "frequency": "wekelijks", "language": "nl", **data}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(PUBLIC, data)

    return post


def test_the_public_confirms_once_by_a_link(client, subscribe, smtp_server):
    response = subscribe(email="bezoeker@example.org", language="de")
    assert "Kijk in uw mailbox" in response.content.decode()
    subscription = Subscription.objects.get()
    assert not subscription.is_confirmed()
    link = confirmation_link(smtp_server)
    assert smtp_server.messages[-1].recipients == ["bezoeker@example.org"]

    assert client.get(link).status_code == 200
    assert not Subscription.objects.get().is_confirmed(), "a GET (a mail scanner) confirms nothing"
    client.post(link)
    assert Subscription.objects.get().is_confirmed()

    again = client.post(link)
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()


def test_forged_and_expired_links_change_nothing(client, subscribe, smtp_server):
    subscribe(email="bezoeker@example.org", topic=Topic.EVERYTHING, frequency="dagelijks")
    link = confirmation_link(smtp_server)
    forged = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    response = client.post(forged)
    assert response.status_code == 400
    assert "Deze link is niet geldig" in response.content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        response = client.post(link)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert not Subscription.objects.get().is_confirmed()
    response = client.post("/wijzigingen/afmelden/nep:token/")
    assert response.status_code == 400
    assert Subscriber.objects.count() == 1


def test_no_page_says_whether_an_address_is_subscribed(client, subscribe, smtp_server):
    first = subscribe(email="bezoeker@example.org")
    client.post(confirmation_link(smtp_server))
    second = subscribe(email="bezoeker@example.org")
    unknown = subscribe(email="iemand-anders@example.org")

    def main(response):
        html = response.content.decode()
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        return html.split("<main", 1)[1]

    assert main(first) == main(second) == main(unknown)
    # The first confirmation and the unknown address's; none to the confirmed subscriber.
    assert len(smtp_server) == 2
    assert smtp_server.messages[-1].recipients == ["iemand-anders@example.org"]


def test_an_invalid_address_gets_a_dutch_message_and_nothing_is_stored(client):
    response = client.post(
        PUBLIC,
        {"email": "geen-adres", "topic": Topic.AGENDA, "frequency": "wekelijks", "language": "nl"},
    )
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.html_checker
def test_the_pages_are_valid_html(client_for, member, client, assert_valid_html):
    pages = [client.get(PUBLIC), client.get("/wijzigingen/afmelden/nep:token/")]
    pages.append(client_for(member).get(LIST))
    assert_valid_html(*pages)


def test_a_follow_link_on_a_theme_page_fills_in_the_form(client_for, member, client):
    theme = ThemeFactory(code="sport", name="Sport")
    assert (
        "Volgen: wijzigingen per e-mail"
        not in client.get(theme.get_absolute_url()).content.decode()
    )

    page = client_for(member).get(theme.get_absolute_url()).content.decode()
    assert f'href="{LIST}?thema=sport"' in page
    form = client_for(member).get(LIST, {"thema": "sport"}).context["form"]
    assert form.initial == {"topic": Topic.THEME, "theme": theme}
