"""Fixtures of the budget tests: the Hengelo data at 10 years x 50 lines, and a page parser."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from budget.constants import Basis, LineCategory, Recurrence
from budget.models import BudgetLine, BudgetProduct, ProductBudget
from networks.models import Network
from partnercity.models import PartnerCity
from proposals.models import Proposal

YEARS = range(2017, 2027)
CATEGORIES = list(LineCategory.values)


@pytest.fixture
def ten_years(hengelo):
    """Ten budget years with fifty extra lines each, linked to networks, proposals and cities,
    so that a page whose queries grow with the rows shows it."""
    products = list(BudgetProduct.objects.order_by("code"))
    networks = list(Network.objects.all())
    proposals = list(Proposal.objects.all())
    cities = list(PartnerCity.objects.all())
    for year in YEARS:
        for product in products:
            ProductBudget.objects.get_or_create(
                product=product,
                year=year,
                defaults={"amount": Decimal("400000.00"), "basis": Basis.PLANNING},
            )
    lines = []
    for year in YEARS:
        for index in range(50):
            lines.append(
                BudgetLine(
                    product=products[index % len(products)],
                    year=year,
                    name=f"Testregel {index:02d}",
                    category=CATEGORIES[index % len(CATEGORIES)],
                    recurrence=Recurrence.RECURRING if index % 5 else Recurrence.ONE_OFF,
                    amount=Decimal(100 + index),
                    basis=Basis.PLANNING if year > 2017 else Basis.BUDGET,
                    network=networks[index % len(networks)] if index % 3 == 0 else None,
                    proposal=proposals[index % len(proposals)] if index % 3 == 1 else None,
                    partner_city=cities[0] if index % 3 == 2 else None,
                )
            )
    BudgetLine.objects.bulk_create(lines)
    return len(lines)


class DataCells(HTMLParser):
    """Collect the elements that carry data-* attributes, with their text."""

    def __init__(self):
        super().__init__()
        self.cells = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        entry = {"tag": tag, "attrs": attributes, "text": ""}
        self.stack.append(entry)
        if any(name.startswith("data-") for name in attributes):
            self.cells.append(entry)

    def handle_endtag(self, tag):
        while self.stack:
            entry = self.stack.pop()
            if entry["tag"] == tag:
                break

    def handle_data(self, data):
        for entry in self.stack:
            entry["text"] += data


def data_cells(html):
    parser = DataCells()
    parser.feed(html)
    return parser.cells


def section(html, start_marker, end_marker):
    """The part of a page between two markers, to look at one chart or table only."""
    start = html.index(start_marker)
    end = html.index(end_marker, start)
    return html[start:end]


def text_of(html):
    """The visible text of a page, with tags removed and spaces collapsed."""
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))
