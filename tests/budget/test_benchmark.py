"""The VNG survey figures are stored exactly as printed, with their source and year."""

from decimal import Decimal

import pytest

from budget.constants import BenchmarkMeasure, SizeClass
from budget.models import BenchmarkFigure, BenchmarkSource

pytestmark = pytest.mark.django_db

MID = SizeClass.UP_TO_100K


def printed(table, measure, size_class=MID, year=None, band=None):
    figures = BenchmarkFigure.objects.filter(table=table, measure=measure, size_class=size_class)
    if year:
        figures = figures.filter(reference_year=year)
    if band is not None:
        figures = figures.filter(band=band)
    return [figure.printed for figure in figures]


def test_the_source_and_its_year(hengelo):
    source = BenchmarkSource.objects.get()
    assert (source.publisher, source.title, source.year) == (
        "VNG",
        "Mondiaal op eigen schaal",
        2009,
    )
    assert source.figures.count() == 6 + 6 + 72 + 15


def test_tables_4_3_and_4_4_hours_per_week(hengelo):
    assert printed("4.3", BenchmarkMeasure.HOURS_ON_PAPER) == ["15"]
    assert printed("4.4", BenchmarkMeasure.HOURS_IN_PRACTICE) == ["24"]
    assert printed("4.3", BenchmarkMeasure.HOURS_ON_PAPER, SizeClass.ABOVE_100K) == ["139"]
    assert printed("4.4", BenchmarkMeasure.HOURS_IN_PRACTICE, SizeClass.ALL) == ["33"]


def test_table_5_1_spending_bands_for_50_to_100_thousand(hengelo):
    rows_2008 = printed("5.1", BenchmarkMeasure.SPENDING_BAND, year=2008)
    rows_2005 = printed("5.1", BenchmarkMeasure.SPENDING_BAND, year=2005)
    assert rows_2008 == ["11%", "-", "37%", "11%", "33%", "7%"]
    assert rows_2005 == ["-", "14%", "43%", "33%", "5%", "5%"]
    band = BenchmarkFigure.objects.get(
        table="5.1", size_class=MID, reference_year=2008, band="€ 50 000 - € 100.000"
    )
    assert band.band_contains(Decimal("60216")) and not band.band_contains(Decimal("100000"))


def test_table_5_2_average_minimum_maximum(hengelo):
    assert printed("5.2", BenchmarkMeasure.AVERAGE_SPENDING) == ["€ 38.813,76"]
    assert printed("5.2", BenchmarkMeasure.MINIMUM_SPENDING) == ["€ 1.500,00"]
    assert printed("5.2", BenchmarkMeasure.MAXIMUM_SPENDING) == ["€ 127.000,00"]


def test_every_value_matches_what_is_printed(hengelo):
    for figure in BenchmarkFigure.objects.all():
        if figure.printed == "-":
            assert figure.value is None, figure
            continue
        text = figure.printed.replace("€", "").replace("%", "").strip()
        number = Decimal(text.replace(".", "").replace(",", "."))
        assert figure.value == number, figure
