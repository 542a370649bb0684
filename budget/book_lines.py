"""Budget lines and product budgets as a BudgetBook reads them: plain values, not model
instances (issue 17).

At 100x the council proposal's year has some 300 lines, each paying for one of 300 networks. As
model instances with `with_links()` (the line, its product, its network, proposal and council
proposal, every column of each) they took about 120 function calls a line and most of the
derivation's time. A BookLine is read with `values_list` in the same one query; what it pays
for is built once per record by `Model.from_db` with only the fields that its `__str__`,
`get_absolute_url` and `is_visible_to` read, so that those answers stay the model's own. A
SumLine is a line of a year that only counts in the sums (BudgetBook(linked=False)); a
BookBudget is a product's budget in a year, with its product from those already read.
"""

from django.db import DEFAULT_DB_ALIAS

from core.compiled import compiled_rows
from networks.models import Network
from partnercity.models import PartnerCity
from proposals.models import CouncilProposal, Proposal

from .constants import Basis, LineCategory, Recurrence
from .models import BudgetLine, BudgetProduct, ProductBudget

# What the summaries of a year read from a line (BudgetBook(linked=False)).
SUM_FIELDS = (
    "year",
    "product_id",
    "name",
    "category",
    "recurrence",
    "amount",
    "basis",
    "partner_city_id",
)


class SumLine:
    """A budget line read for the sums of its year only (BudgetBook(linked=False)): the fields
    of SUM_FIELDS as plain values, a tenth of a model instance's cost (issue 17: 300 lines of
    the council proposal's years on every overview)."""

    __slots__ = ("pk", *SUM_FIELDS)

    def __init__(self, pk, *values):
        self.pk = pk
        (
            self.year,
            self.product_id,
            self.name,
            self.category,
            self.recurrence,
            self.amount,
            self.basis,
            self.partner_city_id,
        ) = values

    is_planning = BudgetLine.is_planning
    is_one_off = BudgetLine.is_one_off


# A line's own fields as the pages read them, then the fields of what it pays for.
LINE_FIELDS = (
    "pk",
    "product_id",
    "year",
    "name",
    "category",
    "recurrence",
    "amount",
    "basis",
    "network_id",
    "proposal_id",
    "partner_city_id",
    "actual",
    "actual_is_example",
)
NETWORK_FIELDS = ("visibility", "name", "slug")
CITY_FIELDS = ("name", "slug")
PROPOSAL_FIELDS = ("visibility", "council_proposal_id", "number", "title")
COUNCIL_PROPOSAL_FIELDS = ("visibility", "case_number")
PRODUCT_FIELDS = ("code", "name")
TARGET_COLUMNS = (
    *(f"network__{name}" for name in NETWORK_FIELDS),
    *(f"partner_city__{name}" for name in CITY_FIELDS),
    *(f"proposal__{name}" for name in PROPOSAL_FIELDS),
    *(f"proposal__council_proposal__{name}" for name in COUNCIL_PROPOSAL_FIELDS),
)

BASIS = dict(Basis.choices)
CATEGORY = dict(LineCategory.choices)
RECURRENCE = dict(Recurrence.choices)


class BookLine:
    """A budget line with its product and what it pays for, answering what the budget pages
    ask of a BudgetLine."""

    __slots__ = (
        *LINE_FIELDS,
        "product",
        "network",
        "proposal",
        "partner_city",
        "link_url",
        "link_target",
        "shown_target",
    )

    # The model's own answers, which read only the fields above.
    __str__ = BudgetLine.__str__
    get_absolute_url = BudgetLine.get_absolute_url
    paid_for = BudgetLine.paid_for
    difference = BudgetLine.difference
    is_planning = BudgetLine.is_planning
    is_one_off = BudgetLine.is_one_off

    def get_basis_display(self):
        return str(BASIS.get(self.basis, self.basis))

    def get_category_display(self):
        return str(CATEGORY.get(self.category, self.category))

    def get_recurrence_display(self):
        return str(RECURRENCE.get(self.recurrence, self.recurrence))


def loaded(db, model, pk, names, values):
    """An instance of `model` from database `db` with only these fields loaded (the others
    deferred)."""
    return model.from_db(db, ("id", *names), (pk, *values))


def book_lines(queryset, products=None, key=None):
    """The lines of `queryset` as BookLines, in its order; `products` by pk, or None to read
    each line's product (its code and name) in the same query. One query. With `key`,
    `queryset` is a function that builds it, and its query is compiled once per process under
    that key (core.compiled: name everything that shapes it besides the language)."""
    own = len(LINE_FIELDS)
    network_end = own + len(NETWORK_FIELDS)
    city_end = network_end + len(CITY_FIELDS)
    proposal_end = city_end + len(PROPOSAL_FIELDS)
    council_proposal_end = proposal_end + len(COUNCIL_PROPOSAL_FIELDS)
    columns = TARGET_COLUMNS
    read_products = products is None
    if read_products:
        products = {}
        columns += tuple(f"product__{name}" for name in PRODUCT_FIELDS)
    fields = (*LINE_FIELDS, *columns)
    if key is None:
        db, rows = queryset.db, queryset.values_list(*fields)
    else:
        db = DEFAULT_DB_ALIAS
        rows = compiled_rows(("book_lines", *key, fields), lambda: queryset().values_list(*fields))
    targets = {}

    def target(model, pk, fields, values):
        """What a line pays for, read once per record."""
        if (model, pk) not in targets:
            targets[model, pk] = loaded(db, model, pk, fields, values)
        return targets[model, pk]

    lines = []
    for row in rows:
        line = BookLine()
        (
            line.pk,
            line.product_id,
            line.year,
            line.name,
            line.category,
            line.recurrence,
            line.amount,
            line.basis,
            line.network_id,
            line.proposal_id,
            line.partner_city_id,
            line.actual,
            line.actual_is_example,
        ) = row[:own]
        if read_products and line.product_id not in products:
            products[line.product_id] = loaded(
                db, BudgetProduct, line.product_id, PRODUCT_FIELDS, row[council_proposal_end:]
            )
        line.product = products[line.product_id]
        line.network = line.partner_city = line.proposal = None
        if line.network_id is not None:
            line.network = target(Network, line.network_id, NETWORK_FIELDS, row[own:network_end])
        if line.partner_city_id is not None:
            line.partner_city = target(
                PartnerCity, line.partner_city_id, CITY_FIELDS, row[network_end:city_end]
            )
        if line.proposal_id is not None:
            known = (Proposal, line.proposal_id) in targets
            line.proposal = target(
                Proposal, line.proposal_id, PROPOSAL_FIELDS, row[city_end:proposal_end]
            )
            if not known:
                line.proposal.council_proposal = loaded(
                    db,
                    CouncilProposal,
                    line.proposal.council_proposal_id,
                    COUNCIL_PROPOSAL_FIELDS,
                    row[proposal_end:council_proposal_end],
                )
        lines.append(line)
    return lines


class BookBudget:
    """A product's budget in one year, answering what the budget pages ask of a ProductBudget."""

    __slots__ = ("pk", "product_id", "year", "amount", "source", "basis", "product")

    # The model's own answers, which read only the fields above.
    __str__ = ProductBudget.__str__
    get_absolute_url = ProductBudget.get_absolute_url
    is_planning = ProductBudget.is_planning


BUDGET_FIELDS = ("pk", "product_id", "year", "amount", "source", "basis")


def book_budgets(queryset, products, key=None):
    """The product budgets of `queryset` as BookBudgets, in its order; `products` by pk. With
    `key`, `queryset` is a function that builds it, compiled once per process (book_lines)."""
    if key is None:
        rows = queryset.values_list(*BUDGET_FIELDS)
    else:
        rows = compiled_rows(("book_budgets", *key), lambda: queryset().values_list(*BUDGET_FIELDS))
    budgets = []
    for row in rows:
        budget = BookBudget()
        budget.pk, budget.product_id, budget.year, budget.amount, budget.source, budget.basis = row
        budget.product = products[budget.product_id]
        budgets.append(budget)
    return budgets
