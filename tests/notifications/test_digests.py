"""Digests by e-mail, read from a real local SMTP server."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from notifications.constants import Frequency, Topic
from notifications.models import SentChange, Subscriber, Subscription
from notifications.services import subscribe_user
from proposals.constants import ProposalStatus
from tests.factories import ProposalFactory, ThemeFactory
from tests.notifications.conftest import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def run():
    call_command("send_notifications", "--no-reminders", stdout=open("/dev/null", "w"))


def a_week_later():
    return time_machine.travel(timezone.now() + timedelta(days=8), tick=True)


@pytest.fixture
def labour_market_subscription(make_user):
    from core.constants import Role

    member = make_user("raadslid", Role.COUNCIL_MEMBER, email="raadslid@example.org")
    theme = ThemeFactory(code="arbeidsmarkt-talent", name="Arbeidsmarkt & talent")
    proposal = ProposalFactory(title="Accountmanager internationaal")
    proposal.themes.add(theme)
    other = ProposalFactory(title="Ander voorstel zonder thema")
    subscription = subscribe_user(member, Topic.THEME, Frequency.WEEKLY, theme=theme)
    return subscription, proposal, other


def test_a_weekly_theme_digest_arrives_once_with_an_unsubscribe_link_that_works(
    smtp_server, client, labour_market_subscription
):
    subscription, proposal, other = labour_market_subscription
    proposal.status = ProposalStatus.ADOPTED
    proposal.save()
    other.status = ProposalStatus.ADOPTED
    other.save()

    with a_week_later():
        run()
        assert len(smtp_server) == 1
        message = smtp_server.messages[0]
        assert message.recipients == ["raadslid@example.org"]
        text = smtp_server.text(message)
        html = smtp_server.html(message)
        assert "Arbeidsmarkt & talent" in text
        assert "Accountmanager internationaal" in text
        assert "Status: Voorgesteld → Aangenomen" in text
        assert "Ander voorstel zonder thema" not in text
        assert "Aangenomen" in html
        unsubscribe = re.search(r"<(http[^>]+)>", message["List-Unsubscribe"]).group(1)
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert unsubscribe in text

        run()
        assert len(smtp_server) == 1, "a second run sends nothing"

    path = unsubscribe.split("127.0.0.1:8000", 1)[1]
    client.logout()
    assert "Afmelden voor alle berichten" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == 200
    assert "U bent afgemeld" in response.content.decode()
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_one_click_unsubscribe_by_a_mail_program_needs_no_csrf_token(
    smtp_server, labour_market_subscription
):
    from django.test import Client

    subscription, proposal, _other = labour_market_subscription
    proposal.status = ProposalStatus.IN_PROGRESS
    proposal.save()
    with a_week_later():
        run()
    header = smtp_server.messages[0]["List-Unsubscribe"]
    path = re.search(r"<http://[^/]+(/[^>]+)>", header).group(1)
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_with_the_mail_server_down_nothing_is_lost_and_the_next_run_sends_it(
    smtp_server, settings, labour_market_subscription
):
    subscription, proposal, _other = labour_market_subscription
    proposal.status = ProposalStatus.ADOPTED
    proposal.save()
    live_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    with a_week_later():
        with pytest.raises(CommandError, match="mailserver is niet bereikbaar"):
            run()
        assert SentChange.objects.count() == 0
        subscription.refresh_from_db()
        assert subscription.sent_until < timezone.now() - timedelta(days=7)

        settings.EMAIL_PORT = live_port
        run()
    assert len(smtp_server) == 1
    assert "Accountmanager internationaal" in smtp_server.text(smtp_server.messages[0])
    assert SentChange.objects.filter(subscriber=subscription.subscriber).count() >= 1


def test_a_digest_is_not_due_before_its_period_and_the_same_change_never_comes_twice(
    smtp_server, labour_market_subscription
):
    subscription, proposal, _other = labour_market_subscription
    proposal.status = ProposalStatus.ADOPTED
    proposal.save()
    run()
    assert len(smtp_server) == 0, "weekly: not before next Monday's digest hour"

    # Someone moves the cursor back (an interrupted run, a restore): the change still goes once.
    Subscription.objects.filter(pk=subscription.pk).update(
        sent_until=timezone.now() - timedelta(days=30)
    )
    run()
    run()
    assert len(smtp_server) == 1
    Subscription.objects.filter(pk=subscription.pk).update(
        sent_until=timezone.now() - timedelta(days=30)
    )
    run()
    assert len(smtp_server) == 1
    assert Subscriber.objects.count() == 1


def test_a_public_subscriber_who_chose_german_gets_the_digest_in_german(smtp_server, client):
    from notifications.services import subscribe_public

    proposal = ProposalFactory(title="Accountmanager internationaal")
    subscribe_public("besucher@example.de", Topic.EVERYTHING, Frequency.WEEKLY, "de")
    confirmation = smtp_server.messages[-1]
    subject = confirmation["Subject"].strip()
    assert subject == "Bestätigen Sie Ihre Anmeldung bei Hengelo International"
    assert "innerhalb von 3 Tagen mit diesem Link" in smtp_server.text(confirmation)
    link = re.search(r"http://[^/\s]+(/\S+/bevestigen/\S+/)", smtp_server.text(confirmation))
    client.post(link.group(1))
    assert Subscription.objects.get().is_confirmed()
    smtp_server.clear()

    proposal.status = ProposalStatus.ADOPTED
    proposal.save()
    with a_week_later():
        run()
    assert len(smtp_server) == 1
    message = smtp_server.messages[0]
    assert message.recipients == ["besucher@example.de"]
    assert message["Subject"].strip() == "Hengelo International: 1 Änderung"
    text, html = smtp_server.text(message), smtp_server.html(message)
    for part in (text, html):
        assert "Es gibt 1 Änderung in dem, was Sie verfolgen." in part
        assert "Alle Änderungen" in part
        assert "Geändert: " in part and "Accountmanager internationaal" in part
        assert "Vorgeschlagen" in part and "Angenommen" in part
        for dutch in ("Er is", "wat u volgt", "Gewijzigd", "Voorgesteld", "Alle wijzigingen"):
            assert dutch not in part, dutch
        assert "Afmelden" not in part
    assert "Status: Vorgeschlagen → Angenommen" in text
    assert "Von allen Nachrichten abmelden (ohne Anmeldung):" in text
    assert '<html lang="de">' in html and "Abmelden</a>" in html


def public_subscribers(count, start=0):
    week_ago = timezone.now() - timedelta(days=8)
    for index in range(start, start + count):
        subscriber = Subscriber.objects.create(email=f"bezoeker{index}@example.org")
        Subscription.objects.create(
            subscriber=subscriber,
            topic=Topic.EVERYTHING,
            frequency=Frequency.WEEKLY,
            confirmed_at=week_ago,
            sent_until=week_ago,
        )
    Subscription.objects.update(created_at=week_ago)


def test_like_subscribers_share_the_work_but_each_gets_their_own_unsubscribe_link(smtp_server):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(3):
        ProposalFactory(title=f"Voorstel {number}").save()
    public_subscribers(2)
    with a_week_later(), CaptureQueriesContext(connection) as two:
        run()
    public_subscribers(6, start=2)
    Subscription.objects.update(sent_until=timezone.now() - timedelta(days=8))
    SentChange.objects.all().delete()
    smtp_server.clear()
    with a_week_later(), CaptureQueriesContext(connection) as eight:
        run()

    # A fixed number of queries per subscriber (lock, subscriptions, sent, cursor, record).
    per_subscriber = (len(eight) - len(two)) / 6
    assert per_subscriber <= 8, per_subscriber
    assert len(smtp_server) == 8
    links = set()
    for message in smtp_server.messages:
        link = re.search(r"<(http[^>]+)>", message["List-Unsubscribe"]).group(1)
        assert link in smtp_server.text(message) and link in smtp_server.html(message)
        assert "UNSUBSCRIBE" not in smtp_server.text(message) + smtp_server.html(message)
        assert "Voorstel 2" in smtp_server.text(message)
        links.add(link)
    assert len(links) == 8
