"""BookLines and BookBudgets (budget/book_lines.py) answer what the budget pages ask of a
BudgetLine and a ProductBudget as the model instances do, in one query, without loading a
deferred field later."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from budget.book_lines import book_budgets, book_lines
from budget.models import BudgetLine, BudgetProduct, ProductBudget, RecordedFigure
from budget.views.common import attach_links, may_see
from core.compiled import compiled_all
from core.constants import Visibility
from networks.models import Network
from proposals.models import CouncilProposal

pytestmark = pytest.mark.django_db

LINE_ANSWERS = (
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
    "difference",
)


def answers(line, user):
    """What the pages read of a line, what it pays for and its links."""
    target = line.paid_for
    return (
        *(getattr(line, name) for name in LINE_ANSWERS),
        str(line),
        line.get_absolute_url(),
        line.is_planning(),
        line.is_one_off(),
        line.get_basis_display(),
        line.get_category_display(),
        line.get_recurrence_display(),
        line.product.pk,
        line.product.name,
        line.product.code,
        None if target is None else (type(target), target.pk, str(target)),
        None if target is None else may_see(target, user),
        None if target is None else target.get_absolute_url(),
        line.link_url,
        None if line.link_target is None else str(line.link_target),
        None if line.shown_target is None else str(line.shown_target),
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_book_lines_answer_as_budget_lines(ten_years, finance_user, language):
    # Something not public, so that the visitors' links differ.
    Network.objects.filter(pk__in=Network.objects.order_by("pk")[:3]).update(
        visibility=Visibility.INTERNAL
    )
    CouncilProposal.objects.update(visibility=Visibility.INTERNAL)
    queryset = BudgetLine.objects.order_by("year", "product__name", "category", "name")
    products = {product.pk: product for product in BudgetProduct.objects.all()}
    assert queryset.count() > 500
    with translation.override(language):
        for user in (AnonymousUser(), finance_user):
            models = list(queryset.with_links())
            attach_links(models, user)
            compiled = book_lines(lambda: queryset, products, key=("test", "all"))
            for read in (book_lines(queryset, products), book_lines(queryset), compiled):
                attach_links(read, user)
                assert [answers(line, user) for line in read] == [
                    answers(line, user) for line in models
                ]


def test_book_lines_read_everything_in_one_query(ten_years, django_assert_num_queries):
    with django_assert_num_queries(1):
        lines = book_lines(BudgetLine.objects.all())
        attach_links(lines, AnonymousUser())
        [(str(line.paid_for), line.product.name) for line in lines]


@pytest.mark.parametrize("compiled", [False, True])
def test_book_budgets_answer_as_product_budgets(ten_years, django_assert_num_queries, compiled):
    products = {product.pk: product for product in BudgetProduct.objects.all()}
    models = list(ProductBudget.objects.select_related("product"))
    with django_assert_num_queries(1):
        if compiled:
            read = book_budgets(ProductBudget.objects.all, products, key=("test", "all"))
        else:
            read = book_budgets(ProductBudget.objects.all(), products)
    assert len(read) == len(models) > 10
    for budget, model in zip(read, models, strict=True):
        assert (
            budget.pk,
            budget.product_id,
            budget.year,
            budget.amount,
            budget.source,
            budget.basis,
            budget.product.name,
            budget.is_planning(),
            str(budget),
            budget.get_absolute_url(),
        ) == (
            model.pk,
            model.product_id,
            model.year,
            model.amount,
            model.source,
            model.basis,
            model.product.name,
            model.is_planning(),
            str(model),
            model.get_absolute_url(),
        )


def test_compiled_book_lines_read_the_rows_of_now(ten_years, django_assert_num_queries):
    """The query is kept, not its rows: a changed line shows on the next read, in one query."""
    products = {product.pk: product for product in BudgetProduct.objects.all()}
    year = BudgetLine.objects.order_by("year").first().year

    def read():
        with django_assert_num_queries(1):
            lines = book_lines(
                lambda: BudgetLine.objects.filter(year__in={year}), products, key=("test", year)
            )
        return {line.pk: (line.name, line.amount) for line in lines}

    before = read()
    changed = BudgetLine.objects.filter(year=year).order_by("pk").first()
    changed.name, changed.amount = "Anders genoemd", Decimal("12.34")
    changed.save()
    after = read()
    assert after[changed.pk] == ("Anders genoemd", Decimal("12.34"))
    assert isinstance(after[changed.pk][1], Decimal)
    assert before[changed.pk] != after[changed.pk]
    assert {pk: row for pk, row in after.items() if pk != changed.pk} == {
        pk: row for pk, row in before.items() if pk != changed.pk
    }


@pytest.mark.parametrize(
    ("model", "text"), [(BudgetProduct, "description"), (RecordedFigure, "note")]
)
def test_compiled_all_reads_as_the_manager(ten_years, model, text, django_assert_num_queries):
    """The instances of core.compiled.compiled_all are the manager's, in its order, read
    afresh each time."""

    def fields(objects):
        return [
            tuple(getattr(obj, field.attname) for field in model._meta.concrete_fields)
            + (obj._state.db, obj._state.adding, str(obj))
            for obj in objects
        ]

    expected = list(model.objects.all())
    assert len(expected) > 1
    with django_assert_num_queries(1):
        read = compiled_all(model)
    assert fields(read) == fields(expected)
    first = expected[0]
    model.objects.filter(pk=first.pk).update(**{text: "Nu anders"})
    setattr(first, text, "Nu anders")
    with django_assert_num_queries(1):
        assert fields(compiled_all(model)) == fields(expected)
