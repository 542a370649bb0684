"""What the budget lines really cost: realised amounts beside the budgeted ones (issue 14)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import cached_property


def total(amounts):
    return sum(amounts, Decimal("0"))


@dataclass
class ActualYear:
    """The lines of one year that have a realised amount: budgeted beside realised."""

    year: int
    lines: list

    @cached_property
    def budgeted(self):
        return total(line.amount for line in self.lines)

    @cached_property
    def actual(self):
        return total(line.actual for line in self.lines)

    @property
    def difference(self):
        return self.actual - self.budgeted

    @property
    def has_examples(self):
        return any(line.actual_is_example for line in self.lines)


def actual_years(lines):
    """Per year, latest first, the lines whose realised amount is recorded."""
    by_year = defaultdict(list)
    for line in lines:
        if line.actual is not None:
            by_year[line.year].append(line)
    return [
        ActualYear(year, sorted(by_year[year], key=lambda line: (line.product.name, line.name)))
        for year in sorted(by_year, reverse=True)
    ]
