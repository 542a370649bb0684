"""Digests: one e-mail per subscriber and period with the changes they follow, each change once.

Per subscriber, in one transaction: lock the subscriber (other runs skip it), collect the
changes since the subscription's cursor, leave out what this subscriber was already sent,
record what is sent and move the cursors, then send. A failed send rolls all of it back, so
the same changes go out on the next run; a second run at the same time skips locked
subscribers and, on databases that cannot skip (SQLite), finds the changes already recorded.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone, translation

from .constants import Frequency, Topic
from .mail import message_from_parts, render_parts
from .models import SentChange, Subscriber, Subscription
from .services import unsubscribe_url
from .timeline import Filters, entries, rows_for

# Windows overlap by this much: a change saved in a transaction that committed after the last
# run read the history still gets in; SentChange keeps it from being sent twice.
OVERLAP = timedelta(minutes=10)
# A digest lists at most this many changes per thing followed, then links to the timeline.
MAX_PER_GROUP = 50
# Stands for the subscriber's own unsubscribe link in a digest rendered for several subscribers.
UNSUBSCRIBE_MARK = "UNSUBSCRIBE-LINK-OF-THE-SUBSCRIBER"


def period_start(frequency, now):
    """The moment the current daily or weekly period began (DIGEST_HOUR, weeks on Monday)."""
    local = timezone.localtime(now)
    anchor = local.replace(hour=settings.DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if frequency == Frequency.WEEKLY:
        anchor -= timedelta(days=local.weekday())
        if local < anchor:
            anchor -= timedelta(days=7)
    elif local < anchor:
        anchor -= timedelta(days=1)
    return anchor


def is_due(subscription, now):
    """Say whether a subscription's digest is due: always for 'direct', once a period else."""
    if subscription.frequency == Frequency.IMMEDIATE:
        return True
    return subscription.sent_until < period_start(subscription.frequency, now)


def due_subscriptions(now, frequencies=None):
    """Confirmed subscriptions whose period has passed: a query, not yet locked."""
    queryset = Subscription.objects.confirmed()
    if frequencies:
        queryset = queryset.filter(frequency__in=frequencies)
    conditions = None
    for frequency in frequencies or Frequency.values:
        if frequency == Frequency.IMMEDIATE:
            condition = Q(frequency=frequency)
        else:
            condition = Q(frequency=frequency, sent_until__lt=period_start(frequency, now))
        conditions = condition if conditions is None else conditions | condition
    return queryset.filter(conditions)


def filters_for(subscription):
    topic = subscription.topic
    if topic == Topic.THEME:
        return Filters(theme=subscription.theme_id)
    if topic == Topic.NETWORK:
        return Filters(network=subscription.network_id)
    if topic == Topic.PROPOSAL:
        return Filters(proposal=subscription.proposal_id)
    if topic == Topic.AGENDA:
        return Filters(kinds=["agenda"])
    return Filters()


def reader(subscriber):
    """Whose eyes the digest is read with: the user's, or an anonymous visitor's."""
    return subscriber.user if subscriber.user_id else AnonymousUser()


def audience(user):
    """Users who may see the same: same sign-in state and permissions share query results."""
    if not user.is_authenticated:
        return ("anonymous",)
    return ("user", user.is_superuser, frozenset(user.get_all_permissions()))


@dataclass
class Run:
    """One run of send_notifications; query results are shared between like subscribers."""

    now: object
    window_start: object
    rows: dict = field(default_factory=dict)
    loaded: dict = field(default_factory=dict)
    rendered: dict = field(default_factory=dict)
    sent: int = 0
    changes: int = 0

    def rows_for(self, user, subscription):
        key = (
            audience(user),
            subscription.topic,
            subscription.theme_id,
            subscription.network_id,
            subscription.proposal_id,
        )
        if key not in self.rows:
            filters = filters_for(subscription)
            filters.since, filters.until = self.window_start, self.now
            rows = rows_for(user, filters)
            self.rows[key] = list(rows) if rows is not None else []
        return self.rows[key]

    def render(self, language, subscriber, context):
        """The digest's subject, text and HTML, rendered once for every subscriber who gets the
        same digest (same language, same changes): only the unsubscribe link differs."""
        key = (
            language,
            subscriber.is_public(),
            context["since"],
            context["count"],
            tuple(context["frequencies"]),
            tuple(
                (subscription.subject, tuple(entry.key for entry in items), more)
                for subscription, items, more in context["groups"]
            ),
        )
        if key not in self.rendered:
            self.rendered[key] = render_parts(
                "notifications/email/digest",
                {**context, "subscriber": subscriber, "unsubscribe_url": UNSUBSCRIBE_MARK},
            )
        return self.rendered[key]

    def entries_for(self, user, rows):
        # What changed is put into words in the active language: one cache per language.
        cache = self.loaded.setdefault((audience(user), translation.get_language()), {})
        missing = [row for row in rows if (row[0], row[1]) not in cache]
        for entry in entries(missing, user):
            cache[entry.key] = entry
        return [cache[(row[0], row[1])] for row in rows if (row[0], row[1]) in cache]


def subscription_window(subscription):
    return max(subscription.sent_until - OVERLAP, subscription.created_at)


def send_digests(now=None, frequencies=None, connection=None, stdout=None):
    """Send every due digest. Returns (digests sent, changes in them)."""
    now = now or timezone.now()
    due = due_subscriptions(now, frequencies)
    first = due.aggregate(start=Min("sent_until"))["start"]
    if first is None:
        return 0, 0
    run = Run(now=now, window_start=first - OVERLAP)
    subscriber_ids = list(due.order_by("subscriber_id").values_list("subscriber_id", flat=True))
    for subscriber_id in dict.fromkeys(subscriber_ids):
        send_digest(run, subscriber_id, frequencies, connection)
    return run.sent, run.changes


def send_digest(run, subscriber_id, frequencies, connection):
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .filter(pk=subscriber_id)
            .first()
        )
        if subscriber is None:
            return  # another run has it
        subscriptions = list(
            due_subscriptions(run.now, frequencies)
            .filter(subscriber=subscriber)
            .select_related("theme", "network", "proposal")
        )
        if not subscriptions or not subscriber.address:
            return
        user = reader(subscriber)
        language = subscriber.language if subscriber.is_public() else settings.LANGUAGE_CODE
        groups, seen = [], set()
        with translation.override(language):
            for subscription in subscriptions:
                start = subscription_window(subscription)
                rows = [row for row in run.rows_for(user, subscription) if row[2] >= start]
                items = [entry for entry in run.entries_for(user, rows) if entry.key not in seen]
                seen.update(entry.key for entry in items)
                groups.append((subscription, items))
        already = set(
            SentChange.objects.filter(
                subscriber=subscriber, history_id__in={key[1] for key in seen}
            ).values_list("source", "history_id")
        )
        groups = [
            (subscription, [entry for entry in items if entry.key not in already])
            for subscription, items in groups
        ]
        new = [entry for _subscription, items in groups for entry in items]
        Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(sent_until=run.now)
        if not new:
            return
        SentChange.objects.bulk_create(
            [
                SentChange(
                    subscriber=subscriber,
                    source=entry.source.key,
                    history_id=entry.record.history_id,
                    sent_at=run.now,
                )
                for entry in new
            ]
        )
        shown = [(s, items[:MAX_PER_GROUP], len(items) - MAX_PER_GROUP) for s, items in groups]
        link = unsubscribe_url(subscriber)
        with translation.override(language):
            subject, text, html = run.render(
                language,
                subscriber,
                {
                    "groups": [group for group in shown if group[1]],
                    "since": min(subscription_window(s) for s in subscriptions),
                    "count": len(new),
                    "frequencies": sorted({s.get_frequency_display() for s in subscriptions}),
                },
            )
        parts = (
            subject,
            text.replace(UNSUBSCRIBE_MARK, link),
            html.replace(UNSUBSCRIBE_MARK, link),
        )
        message_from_parts(parts, subscriber.address, link, connection).send(fail_silently=False)
        run.sent += 1
        run.changes += len(new)
