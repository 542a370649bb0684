"""The data of the benchmarks at a scale: `grow(previous, factor)` takes a database holding
`previous` times the Hengelo data to `factor` times, quickly (issue 17).

At 100x that is 900 proposals, 900 networks, 50 budget years, 10,000 events and a contact
registry of 100,000 people with 500,000 interactions. Events, budget years and the registry are
written with bulk_create (a save per event would take most of an hour); the bench then calls
`core.page_cache.bump_version()`, as every bulk write must.
"""

import contextlib
from datetime import timedelta
from decimal import Decimal

EVENTS_PER_FACTOR = 100
PEOPLE_PER_FACTOR = 1_000
INTERACTIONS_PER_FACTOR = 5_000
ORGANISATIONS_PER_FACTOR = 50
FIRST_BUDGET_YEAR = 2017


def budget_years(factor):
    """Half a budget year per copy of the data: 50 years at 100x, at least the first."""
    return max(1, factor // 2)


def seed_events(count):
    """Add `count` published events, one a day from tomorrow on (every fourth one in the past,
    for the archive), in three languages, linked to the Hengelo data; with bulk_create."""
    from django.utils import timezone

    from agenda.models import Event
    from networks.models import Network, Theme
    from partnercity.models import PartnerCity

    themes = list(Theme.objects.all())
    networks = list(Network.objects.order_by("pk")[:500])
    cities = list(PartnerCity.objects.all()) or [None]
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    existing = Event.objects.filter(slug__startswith="bench-evenement-").count()
    events = []
    for number in range(existing, existing + count):
        days = -(number + 1) if number % 4 == 3 else number + 1
        event = Event(
            slug=f"bench-evenement-{number}",
            visibility="openbaar",
            starts_at=start + timedelta(days=days, hours=10),
            ends_at=start + timedelta(days=days, hours=12),
            venue="Stadhuis",
            city="Hengelo" if number % 2 else "Emsdetten",
            country="NL" if number % 2 else "DE",
            network=networks[number % len(networks)] if networks else None,
            partner_city=cities[number % len(cities)],
        )
        event.finishes_at = event.compute_finishes_at()
        events.append(event)
    Event.objects.bulk_create(events, batch_size=1000)
    Translation = Event._parler_meta.root_model
    Translation.objects.bulk_create(
        (
            Translation(
                master_id=event.pk,
                language_code=language,
                title=f"Evenement {number} ({language})",
                text=f"Een internationaal evenement, nummer {number}.",
                organiser="Gemeente Hengelo",  # translated per language (agenda 0003)
                text_updated_at=start,
            )
            for number, event in enumerate(events, start=existing)
            for language in ("nl", "de", "en")
        ),
        batch_size=3000,
    )
    if themes:
        Through = Event.themes.through
        Through.objects.bulk_create(
            (
                Through(event_id=event.pk, theme_id=theme.pk)
                for number, event in enumerate(events, start=existing)
                for theme in themes[number % len(themes) :: 4]
            ),
            batch_size=5000,
        )


def seed_budget_years(years):
    """Give every budget product a planned budget and three lines in each of the first `years`
    years from 2017 that it has none in (the Hengelo data covers the first few)."""
    from budget.constants import Basis, LineCategory, Recurrence
    from budget.models import BudgetLine, BudgetProduct, ProductBudget

    products = list(BudgetProduct.objects.order_by("code")[:5])
    wanted = range(FIRST_BUDGET_YEAR, FIRST_BUDGET_YEAR + years)
    have = set(ProductBudget.objects.values_list("product_id", "year"))
    budgets, lines = [], []
    categories = [LineCategory.MEMBERSHIP, LineCategory.ACTIVITIES, LineCategory.GRANTS]
    for product in products:
        for year in wanted:
            if (product.pk, year) in have:
                continue
            budgets.append(
                ProductBudget(
                    product=product,
                    year=year,
                    amount=Decimal("400000.00"),
                    basis=Basis.PLANNING,
                )
            )
            for index, category in enumerate(categories):
                lines.append(
                    BudgetLine(
                        product=product,
                        year=year,
                        name=f"Planregel {index + 1}",
                        category=category,
                        recurrence=Recurrence.RECURRING,
                        amount=Decimal(1000 * (index + 1)),
                        basis=Basis.PLANNING,
                    )
                )
    ProductBudget.objects.bulk_create(budgets)
    BudgetLine.objects.bulk_create(lines)


def seed_registry(previous, factor):
    """Grow the contact registry by 1,000 people and 5,000 interactions per copy of the data."""
    from tests.contacts.scale import build_registry

    copies = factor - previous
    build_registry(
        n_people=PEOPLE_PER_FACTOR * copies,
        n_interactions=INTERACTIONS_PER_FACTOR * copies,
        n_organisations=ORGANISATIONS_PER_FACTOR * copies,
        tag=f"x{factor}-",
    )


@contextlib.contextmanager
def one_bump_at_the_end():
    """Mark cached pages stale once, after the seeding, instead of twice per saved record."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from core.page_cache import bump_version, content_changed

    signals = [
        (post_save, "page-cache-save"),
        (post_delete, "page-cache-delete"),
        (m2m_changed, "page-cache-m2m"),
    ]
    for signal, uid in signals:
        signal.disconnect(dispatch_uid=uid)
    try:
        yield
    finally:
        for signal, uid in signals:
            signal.connect(content_changed, dispatch_uid=uid)
        bump_version()


def grow(previous, factor):
    """Take the database from `previous` times the Hengelo data (0: empty but loaded) to
    `factor` times, and mark every cached page stale."""
    from tests.factories import scale_hengelo_data

    with one_bump_at_the_end():
        scale_hengelo_data(factor, start=max(previous, 1))
        seed_events(EVENTS_PER_FACTOR * (factor - previous))
        seed_budget_years(budget_years(factor))
        seed_registry(previous, factor)
    gather_statistics()


def gather_statistics():
    """Vacuum the grown tables and give PostgreSQL's planner their statistics, as autovacuum does
    in service within a minute of such a change (a machine can have it off: then the bench would
    measure plans no production database runs, and counts that cannot read an index alone)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
