"""The efforts' table reads its rows as plain values (networks/effort_rows.py, EffortRow, issue
17): they answer what the table asks of an effort, its network, forum and result as the model
instances do, and the rows written from them are those written from the instances, in one
query."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from core.constants import Visibility
from core.lists import related_of
from networks.constants import Lead
from networks.effort_rows import effort_rows, effort_values
from networks.models import Effort
from results.models import EffortResult
from tests.factories import EffortFactory, ForumFactory, NetworkFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def page(user, bottom=0, top=50):
    return (
        Effort.objects.visible_to(user)
        .with_result_status()
        .select_related("network", "forum", "result")
        .order_by("-network__name", "year", "number")
    )[bottom:top]


def answers(effort):
    network, forum, result = effort.network, effort.forum, getattr(effort, "result", None)
    return (
        *(effort.pk, effort.year, effort.number, effort.title, effort.visibility),
        *(effort.is_example, effort.expected_yield, effort.lead, effort.status),
        effort.get_absolute_url(),
        None if network is None else (network.name, network.is_public()),
        None if network is None else network.get_absolute_url(),
        None if forum is None else forum.name,
        None if result is None else (result.status, result.summary, result.is_example),
    )


@pytest.fixture
def efforts(db):
    draft_network = NetworkFactory(name="Concept <netwerk>", visibility=Visibility.DRAFT)
    network = NetworkFactory(name="Netwerk & co")
    forum = ForumFactory(network=network, name="Forum <b>")
    theme, other = ThemeFactory(), ThemeFactory()
    made = [
        EffortFactory(network=network, forum=forum, title="Met <em>forum</em>"),
        EffortFactory(network=draft_network, lead=Lead.OWN_MUNICIPALITY),
        EffortFactory(network=None, visibility=Visibility.INTERNAL, is_example=True),
        EffortFactory(network=network, year=2019, expected_yield="Kennis & kunde"),
    ]
    made[0].themes.set([theme, other])
    made[3].themes.set([other])
    EffortResult.objects.create(
        effort=made[0],
        status="deels_gerealiseerd",
        status_date=datetime.date(2018, 3, 1),
        summary="Een lange samenvatting met <b>opmaak</b> " + "en nog veel meer woorden " * 5,
        is_example=True,
    )
    EffortResult.objects.create(
        effort=made[3], status="gerealiseerd", status_date=datetime.date(2019, 3, 1)
    )
    return made


@pytest.mark.parametrize("language", ["nl", "de", "en"])
def test_the_rows_from_values_are_the_rows_from_instances(efforts, council_member, language):
    for user in (AnonymousUser(), council_member):
        for bottom, top in ((1, 3), (0, 0), (0, 50)):
            with translation.override(language):
                instances = list(page(user, bottom, top))
                rows = effort_values(page(user, bottom, top))
                assert [answers(row) for row in rows] == [answers(e) for e in instances]
                written = effort_rows(rows, related_of(rows, "themes", model=Effort), user)
                assert written == effort_rows(instances, related_of(instances, "themes"), user)
        assert len(rows) == (4 if user.is_authenticated else 3)


def test_a_page_of_rows_is_one_query(efforts, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = effort_values(page(None))
    assert {row.status for row in rows} == {"deels_gerealiseerd", "gepland", "gerealiseerd"}
