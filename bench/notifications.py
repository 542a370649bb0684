"""The timeline at 100,000 history entries, and a digest run for 1,000 subscribers."""

import io
import random
import time
from datetime import timedelta

from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.harness import time_ms

HISTORY_ENTRIES = 100_000
SUBSCRIBERS = 1_000
CHANGED_LAST_WEEK = 300


def add_history(count, now):
    """Copies of the latest versions of proposals, networks, efforts and budget lines, spread
    over two years before now, as if they had been edited that often."""
    from budget.models import BudgetLine
    from networks.models import Effort, Network
    from proposals.constants import ProposalStatus
    from proposals.models import Proposal

    rng = random.Random(15)
    models = [Proposal, Network, Effort, BudgetLine]
    per_model = count // len(models)
    statuses = list(ProposalStatus.values)
    for model in models:
        history = model.history.model
        latest = list(history.objects.order_by("id", "-history_date").distinct())
        seen, bases = set(), []
        for record in latest:
            if record.id not in seen:
                seen.add(record.id)
                bases.append(record)
        rows = []
        for index in range(per_model):
            base = bases[index % len(bases)]
            row = history(
                **{
                    field.attname: getattr(base, field.attname)
                    for field in history._meta.concrete_fields
                    if field.attname != "history_id"
                }
            )
            # Most versions are old; CHANGED_LAST_WEEK of them fall in the last week.
            if index < CHANGED_LAST_WEEK // len(models):
                row.history_date = now - timedelta(minutes=rng.randint(5, 6 * 24 * 60))
            else:
                row.history_date = now - timedelta(days=8 + rng.random() * 720)
            row.history_type = "~"
            if model is Proposal:
                row.status = statuses[index % len(statuses)]
            rows.append(row)
        history.objects.bulk_create(rows, batch_size=2000)


def add_subscribers(count, now):
    """Three quarters of the public by e-mail, one quarter council members following a theme."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core.constants import Role
    from networks.models import Theme
    from notifications.constants import Frequency, Topic
    from notifications.models import Subscriber, Subscription

    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(username=f"lid{index}", email=f"lid{index}@example.org")
            for index in range(count // 4)
        ]
    )
    users = list(User.objects.filter(username__startswith="lid"))
    Group.objects.get(name=Role.COUNCIL_MEMBER.value).user_set.add(*users)
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(user=user) for user in users]
        + [
            Subscriber(email=f"bezoeker{index}@example.org", language=("nl", "de", "en")[index % 3])
            for index in range(count - len(users))
        ]
    )
    themes = list(Theme.objects.action_lines())
    week_ago = now - timedelta(days=8)
    subscriptions = []
    for index, subscriber in enumerate(Subscriber.objects.select_related("user")):
        if subscriber.user_id:
            topic, theme = Topic.THEME, themes[index % len(themes)]
        else:
            topic, theme = (Topic.EVERYTHING, Topic.AGENDA)[index % 2], None
        subscriptions.append(
            Subscription(
                subscriber=subscriber,
                topic=topic,
                theme=theme,
                frequency=Frequency.WEEKLY,
                confirmed_at=week_ago,
                sent_until=week_ago,
            )
        )
    Subscription.objects.bulk_create(subscriptions)
    Subscription.objects.update(created_at=week_ago)
    return len(subscribers)


def page(report, client, label, url):
    """Time a page as rendered (an unknown session cookie keeps the page cache out of it)."""
    if "sessionid" not in client.cookies:
        client.cookies["sessionid"] = "geen-sessie"
    assert client.get(url, secure=True).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    report.timing(
        f"{label} ({len(queries)} queries)",
        time_ms(lambda: client.get(url, secure=True), repeat=10, warmup=1),
    )


def run(report):
    from core.constants import Role
    from notifications.digests import send_digests

    call_command("load_hengelo", stdout=io.StringIO())
    now = timezone.now()
    started = time.perf_counter()
    add_history(HISTORY_ENTRIES, now)
    report.line(
        f"{f'add {HISTORY_ENTRIES:,} history entries':<55} "
        f"{1000 * (time.perf_counter() - started):8.1f} ms"
    )

    anonymous = Client()
    page(report, anonymous, "timeline, first page (anonymous)", "/wijzigingen/")
    page(
        report,
        anonymous,
        "timeline, theme + kind + since (anonymous)",
        "/wijzigingen/?thema=arbeidsmarkt-talent&soort=voorstellen&sinds=2026-01-01",
    )
    page(report, anonymous, "timeline, page 100 (anonymous)", "/wijzigingen/?pagina=100")
    page(report, anonymous, "timeline RSS feed (anonymous)", "/wijzigingen/feed.rss")
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    member = get_user_model().objects.create_user("bench-raadslid", email="r@example.org")
    member.groups.add(Group.objects.get(name=Role.COUNCIL_MEMBER.value))
    signed_in = Client()
    signed_in.force_login(member)
    page(report, signed_in, "timeline, first page (council member)", "/wijzigingen/")

    count = add_subscribers(SUBSCRIBERS, now)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        from django.core import mail

        mail.outbox = []
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            digests, changes = send_digests(now=now + timedelta(minutes=1))
            elapsed = time.perf_counter() - started
        report.line(
            f"{f'digest run: {count:,} subscribers, {digests:,} digests':<55} "
            f"{1000 * elapsed:8.1f} ms   {len(queries):,} queries "
            f"({len(queries) / max(count, 1):.1f} per subscriber), {changes:,} changes"
        )
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            again, _changes = send_digests(now=now + timedelta(minutes=2))
            elapsed = time.perf_counter() - started
        report.line(
            f"{f'second run at once after: {again} digests':<55} "
            f"{1000 * elapsed:8.1f} ms   {len(queries):,} queries"
        )
