"""Subscribing, confirming, unsubscribing, and what other apps call (the AVG export/erasure)."""

import secrets

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import tasks
from .constants import Topic
from .mail import CONFIRM_SALT, CONFIRMATION_DAYS, absolute
from .models import Subscriber, Subscription

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


class LinkError(Exception):
    """A confirmation or unsubscribe link that is forged, expired or used."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired" or "used"


# --- links -------------------------------------------------------------------------------------


def unsubscribe_url(subscriber):
    token = signing.Signer(salt=UNSUBSCRIBE_SALT).sign(subscriber.token)
    return absolute(reverse("notifications:unsubscribe", kwargs={"token": token}))


def subscriber_for_unsubscribe(token):
    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature as error:
        raise LinkError("invalid") from error
    subscriber = Subscriber.objects.filter(token=value).first()
    if subscriber is None:
        raise LinkError("used")
    return subscriber


def read_confirmation(token):
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRMATION_DAYS * 86400)
    except signing.SignatureExpired as error:
        raise LinkError("expired") from error
    except signing.BadSignature as error:
        raise LinkError("invalid") from error
    if not isinstance(data, dict) or not data.get("n"):
        raise LinkError("invalid")
    return data


# --- subscribing --------------------------------------------------------------------------------


def find_same(subscriber, topic, theme=None, network=None, proposal=None):
    return subscriber.subscriptions.filter(
        topic=topic, theme=theme, network=network, proposal=proposal
    ).first()


@transaction.atomic
def subscribe_user(user, topic, frequency, theme=None, network=None, proposal=None):
    """Follow something as a signed-in user; the same subscription again changes its frequency."""
    subscriber, _created = Subscriber.objects.get_or_create(user=user)
    existing = find_same(subscriber, topic, theme, network, proposal)
    if existing is not None:
        existing.frequency = frequency
        existing.save(update_fields=["frequency"])
        return existing
    subscription = Subscription(
        subscriber=subscriber,
        topic=topic,
        theme=theme,
        network=network,
        proposal=proposal,
        frequency=frequency,
        confirmed_at=timezone.now(),
    )
    subscription.full_clean()
    subscription.save()
    return subscription


def subscribe_public(email, topic, frequency, language):
    """Ask a member of the public to confirm a subscription (double opt-in).

    Says nothing about whether the address was known: the caller shows the same page either way.
    An address that already follows this topic gets no mail; any other request gets a new
    confirmation link, which replaces the ones sent before.
    """
    if topic not in (Topic.EVERYTHING, Topic.AGENDA):
        raise ValueError(topic)
    email = email.strip()
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().filter(user=None, email__iexact=email).first()
        )
        if subscriber is None:
            subscriber = Subscriber.objects.create(email=email, language=language)
        existing = find_same(subscriber, topic)
        if existing is not None and existing.is_confirmed():
            return
        if existing is None:
            Subscription.objects.create(subscriber=subscriber, topic=topic, frequency=frequency)
        else:
            existing.frequency = frequency
            existing.save(update_fields=["frequency"])
        subscriber.language = language
        subscriber.confirmation_nonce = secrets.token_urlsafe(16)
        subscriber.save(update_fields=["language", "confirmation_nonce"])
        tasks.enqueue(tasks.send_confirmation, subscriber.pk)


@transaction.atomic
def confirm(token):
    """Activate the subscriptions a confirmation link was sent for; a link works once."""
    data = read_confirmation(token)
    subscriber = Subscriber.objects.select_for_update().filter(pk=data.get("s")).first()
    if subscriber is None or not subscriber.confirmation_nonce:
        raise LinkError("used")
    if not secrets.compare_digest(subscriber.confirmation_nonce, str(data["n"])):
        raise LinkError("used")
    now = timezone.now()
    subscriber.subscriptions.filter(confirmed_at=None).update(confirmed_at=now, sent_until=now)
    subscriber.confirmation_nonce = ""
    subscriber.save(update_fields=["confirmation_nonce"])
    return subscriber


@transaction.atomic
def unsubscribe(subscriber):
    """Stop every digest to this subscriber; a member of the public is forgotten altogether."""
    count = subscriber.subscriptions.count()
    if subscriber.is_public():
        subscriber.delete()
    else:
        subscriber.subscriptions.all().delete()
    return count


# --- the AVG: what other apps call --------------------------------------------------------------


def subscriptions_for_email(email):
    """The public subscriptions of an e-mail address, for an access request (art. 15 AVG)."""
    if not email:
        return []
    return [
        {
            "onderwerp": str(subscription.get_topic_display()),
            "hoe_vaak": str(subscription.get_frequency_display()),
            "bevestigd_op": (
                subscription.confirmed_at.isoformat() if subscription.confirmed_at else None
            ),
            "aangemeld_op": subscription.created_at.isoformat(),
            "taal": subscription.subscriber.language,
        }
        for subscription in Subscription.objects.filter(
            subscriber__user=None, subscriber__email__iexact=email
        ).select_related("subscriber")
    ]


def erase_email(email):
    """Remove the public subscriptions of an e-mail address, and what was sent to it."""
    if not email:
        return 0
    subscribers = Subscriber.objects.filter(user=None, email__iexact=email)
    count = Subscription.objects.filter(subscriber__in=subscribers).count()
    subscribers.delete()
    return count


def user_data(user):
    """A user's own subscriptions, for the download on their subscriptions page."""
    subscriber = Subscriber.objects.filter(user=user).first()
    if subscriber is None:
        return {"gebruiker": user.get_username(), "e-mailadres": user.email, "abonnementen": []}
    return {
        "gebruiker": user.get_username(),
        "e-mailadres": user.email,
        "abonnementen": [
            {
                "onderwerp": subscription.subject,
                "hoe_vaak": str(subscription.get_frequency_display()),
                "aangemeld_op": subscription.created_at.isoformat(),
                "verzonden_tot": subscription.sent_until.isoformat(),
            }
            for subscription in subscriber.subscriptions.select_related(
                "theme", "network", "proposal"
            )
        ],
        "verzonden_wijzigingen": subscriber.sent.count(),
    }
