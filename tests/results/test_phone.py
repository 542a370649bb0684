"""The yearly plan's page on a phone: a long status in German wraps instead of widening it."""

import datetime

import pytest

from core.constants import Visibility
from networks.models import Effort
from results.constants import PlanStatus
from results.models import WorkPlan

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/de", "/en"], ids=["nl", "de", "en"])
def test_an_adopted_plan_reads_on_a_phone(page, live_server, hengelo, prefix):
    WorkPlan.objects.create(
        year=2019,
        title="Internationale inspanningen 2019",
        status=PlanStatus.ADOPTED,
        adopted_on=datetime.date(2019, 1, 15),
    )
    Effort.objects.create(
        year=2019,
        number=1,
        title="Uitwisseling ambtenaren",
        expected_yield="Kennis",
        lead="hengelo",
        visibility=Visibility.PUBLIC,
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{prefix}/inspanningen/?jaar=2019")
    assert page.locator(".plan-status").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
