"""One format for amounts everywhere: "− € 56.000" for a negative amount."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import override

from budget.models import Scenario, StaffPosition
from core.money import format_euro, format_fte, format_signed_euro, signed_euro_formatter
from tests.budget.test_scenarios import scenario_data


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("56610"), "€\xa056.610"),
        (Decimal("1234.5"), "€\xa01.234,50"),
        (Decimal("-56000"), "−\xa0€\xa056.000"),
        (-42000, "−\xa0€\xa042.000"),
        (Decimal("-0.50"), "−\xa0€\xa00,50"),
        (0, "€\xa00"),
        (None, ""),
    ],
)
def test_format_euro(value, expected):
    assert format_euro(value) == expected


def test_signed_amounts_and_fte():
    assert format_signed_euro(Decimal("610")) == "+\xa0€\xa0610"
    assert format_signed_euro(Decimal("-1390")) == "−\xa0€\xa01.390"
    assert format_signed_euro(0) == "€\xa00"
    assert format_fte(Decimal("0.50")) == "0,5\xa0fte"


@pytest.mark.django_db
def test_negative_amounts_read_the_same_on_the_budget_and_a_scenario(client, hengelo, finance_user):
    client.force_login(finance_user)
    position = StaffPosition.objects.get(title="Accountmanager internationaal")
    response = client.post(
        reverse("budget:scenario-create"),
        scenario_data([(f"functie:{position.pk}", "2020", "42.000")]),
    )
    assert response.status_code == 302
    scenario_page = client.get(Scenario.objects.get().get_absolute_url()).content.decode()
    assert "€\xa042.000 per jaar vanaf 2020" in scenario_page
    assert "−\xa0€\xa01.390" in scenario_page
    overview = client.get(reverse("budget:overview")).content.decode()
    assert "2019: −\xa0€\xa056.000" in overview
    for page in (scenario_page, overview):
        assert "€\xa0-" not in page and "€ -" not in page


@pytest.mark.parametrize(
    ("language", "whole", "cents", "fte"),
    [
        ("nl", "€\xa0179.793", "€\xa01.234,50", "0,5\xa0fte"),
        ("de", "€\xa0179.793", "€\xa01.234,50", "0,5\xa0fte"),
        ("en", "€\xa0179,793", "€\xa01,234.50", "0.5\xa0fte"),
    ],
)
def test_amounts_follow_the_language(language, whole, cents, fte):
    with override(language):
        assert format_euro(Decimal("179793")) == whole
        assert format_euro(Decimal("1234.5")) == cents
        assert format_euro(Decimal("-1234.5")) == f"−\xa0{cents}"
        assert format_signed_euro(Decimal("179793")) == f"+\xa0{whole}"
        assert format_fte(Decimal("0.50")) == fte
    assert format_euro(Decimal("179793"), language=language) == whole


def test_a_caller_that_needs_dutch_gets_it_on_an_english_page():
    with override("en"):
        assert format_euro(Decimal("1234.5"), language="nl") == "€\xa01.234,50"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "staff", "ceiling"),
    [
        ("", "€\xa0179.793", "€\xa02.500"),
        ("/de", "€\xa0179.793", "€\xa02.500"),
        ("/en", "€\xa0179,793", "€\xa02,500"),
    ],
)
def test_budget_and_grant_use_pages_write_amounts_in_the_language(
    client, hengelo, prefix, staff, ceiling
):
    overview = client.get(f"{prefix}/begroting/").content.decode()
    assert staff in overview
    other = "€\xa0179.793" if prefix == "/en" else "€\xa0179,793"
    assert other not in overview
    for path in ("/partnerstad/", "/partnerstad/emsdetten/"):
        grant_use = client.get(f"{prefix}{path}").content.decode()
        table = grant_use[grant_use.index('class="grant-use') :]
        assert ceiling in table[: table.index("</p>")], path


@pytest.mark.parametrize("language", ["nl", "en", "de"])
def test_the_signed_formatter_writes_what_format_signed_euro_writes(language):
    values = [None, "", 0, Decimal("610"), Decimal("-56000"), Decimal("1234.5"), -3, "12"]
    with override(language):
        signed = signed_euro_formatter()
        assert [signed(value) for value in values] == [format_signed_euro(v) for v in values]
