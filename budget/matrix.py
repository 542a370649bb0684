"""The overview's table per product: lines grouped by category, one column per year (issue 17).

The cells of a row are built here once, as one string per row, instead of a template loop per
cell: the amounts formatted once (core.money), the links from a URL prefix instead of a
reverse() per cell, and the translated titles looked up once per page.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape as escape_text

from django.urls import reverse
from django.utils.html import conditional_escape as escape
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.money import euro_formatter

from .constants import LineCategory, Recurrence

ZERO = Decimal("0")
EMPTY = "–"


def total(amounts):
    return sum(amounts, ZERO)


def pk_url(name):
    """The URLs of a view that takes a pk, from one reverse(): pk_url(name)(12)."""
    sentinel = "2147483647"
    head, tail = reverse(name, kwargs={"pk": sentinel}).split(sentinel)
    return lambda pk: f"{head}{pk}{tail}"


@dataclass
class LineRow:
    """One budget line across the years: the same product and name, one cell per year."""

    name: str
    cells: dict  # year -> BudgetLine
    html_id: str = ""
    html: str = ""  # the year cells


@dataclass
class CategoryGroup:
    category: str
    label: str
    rows: list
    totals: dict  # year -> Decimal
    html_id: str = ""
    totals_html: str = ""
    rows_html: str = ""  # the rows, each with its name, its kinds and its year cells


@dataclass
class ProductBlock:
    product: object
    budgets: dict  # year -> ProductBudget
    groups: list
    line_totals: dict
    remainders: dict  # year -> what the product's budget leaves after its lines
    html_id: str = ""
    cells: dict = field(default_factory=dict)  # row key -> the year cells


class CellWriter:
    """Writes the year cells of the overview's rows, with what a render needs looked up once."""

    def __init__(self, years, can_edit):
        self.years = years
        self.can_edit = can_edit
        self.euro = euro_formatter()
        self.lines_url = reverse("budget:line-list")
        self.budget_edit = pk_url("budget:productbudget-update")
        self.pays_for = _("Betaalt voor: %(target)s")
        self.lines_title = _("De regels van dit product in dit jaar")
        self.lines_url_html = escape_text(self.lines_url)
        self.lines_title_html = escape_text(self.lines_title)
        self.planning = format_html(
            '<abbr class="mark-planning" title="{}">p</abbr>',
            _("planning: meerjarenraming, geen vastgestelde begroting"),
        )
        self.one_off = format_html(
            '<abbr class="mark-one-off" title="{}">i</abbr>', _("incidenteel")
        )
        self.edit_budget = _("Budget %(product)s %(year)s wijzigen")
        self.recurrence = {value: str(label) for value, label in Recurrence.choices}

    def cell(self, headers, content):
        """A year cell: `headers` and `content` are HTML (escaped by the caller)."""
        return f'<td headers="{headers}" class="amount">{content}</td>'

    def amounts(self, row_headers, block_id, values):
        """A row of plain amounts (totals), one cell per year."""
        prefix = escape(f"{row_headers} {block_id}-")
        return mark_safe(
            "".join(self.cell(f"{prefix}{year}", self.euro(values[year])) for year in self.years)
        )

    def line(self, line):
        """An amount linked to what it pays for, with its planning and one-off marks."""
        amount = self.euro(line.amount)
        url = escape_text(line.link_url)
        if line.link_target is not None:
            title = escape_text(self.pays_for % {"target": line.link_target})
            html = f'<a href="{url}" title="{title}">{amount}</a>'
        else:
            html = f'<a href="{url}">{amount}</a>'
        if line.is_planning():
            html += self.planning
        if line.is_one_off():
            html += self.one_off
        return html

    def lines(self, row_headers, block_id, cells):
        prefix = escape(f"{row_headers} {block_id}-")
        return mark_safe(
            "".join(
                self.cell(f"{prefix}{year}", self.line(cells[year]) if year in cells else EMPTY)
                for year in self.years
            )
        )

    def rows(self, group_id, block_id, rows):
        """A group's rows as the template wrote them: the name, the kinds of its amounts (as
        `|join:", "` of get_recurrence_display) and the year cells."""
        group_id, block_id = escape(group_id), escape(block_id)
        parts = []
        for row in rows:
            row_id = escape(row.html_id)
            kinds = ", ".join(
                sorted(
                    {
                        self.recurrence.get(line.recurrence, line.recurrence)
                        for line in row.cells.values()
                    }
                )
            )
            parts.append(
                "\n            <tr>"
                f'\n              <th scope="row" id="{row_id}" headers="{group_id}" '
                f'class="fw-normal">{escape(row.name)}</th>'
                f'\n              <td headers="{group_id} {row_id} {block_id}-soort" '
                f'class="small">{escape(kinds)}</td>'
                f"\n              {row.html}"
                "\n            </tr>\n          "
            )
        return mark_safe("".join(parts))

    def budget(self, block_id, product, budgets):
        """The product's budget per year, linked to its lines, with its planning mark and, for
        the finance role, a link to change it (f-strings: format_html per cell was most of the
        overview's budget rows)."""
        code, name = escape_text(str(product.code)), product.name
        parts = []
        for year in self.years:
            pb = budgets.get(year)
            if pb is None:
                content = EMPTY
            else:
                content = (
                    f'<a href="{self.lines_url_html}?product={code}&amp;jaar={year}" '
                    f'title="{self.lines_title_html}">{escape_text(self.euro(pb.amount))}</a>'
                )
                if pb.is_planning():
                    content += (
                        f'<abbr class="mark-planning" title="{escape_text(pb.source)}">p</abbr>'
                    )
                if self.can_edit:
                    label = escape_text(self.edit_budget % {"product": name, "year": year})
                    content += (
                        f' <a class="no-print small" href="{escape_text(self.budget_edit(pb.pk))}">'
                        '<span aria-hidden="true">✎</span>'
                        f'<span class="visually-hidden">{label}</span></a>'
                    )
            parts.append(self.cell(f"{block_id}-budget {block_id}-{year}", content))
        return mark_safe("".join(parts))


def overview_blocks(book, years, can_edit=False):
    """Per product that has an amount in the years, the lines grouped by category, one column
    per year, with totals; a line without an amount in the years gets no row."""
    lines_by_product = defaultdict(lambda: defaultdict(dict))
    for line in book.lines:
        if line.year in years:
            lines_by_product[line.product_id][(line.category, line.name)][line.year] = line
    budgets = defaultdict(dict)
    for pb in book.product_budgets:
        if pb.year in years:
            budgets[pb.product_id][pb.year] = pb
    writer = CellWriter(years, can_edit)
    blocks = []
    for product in book.products:
        rows = lines_by_product.get(product.pk, {})
        if not rows and not budgets.get(product.pk):
            continue
        block_id = f"product-{product.code}"
        groups = []
        for category, label in LineCategory.choices:
            group_rows = [
                LineRow(name, cells)
                for (row_category, name), cells in sorted(rows.items())
                if row_category == category
            ]
            if not group_rows:
                continue
            totals = {
                year: total(row.cells[year].amount for row in group_rows if year in row.cells)
                for year in years
            }
            group = CategoryGroup(category, label, group_rows, totals)
            group.html_id = f"{block_id}-g{len(groups) + 1}"
            for number, row in enumerate(group_rows, start=1):
                row.html_id = f"{group.html_id}-r{number}"
                row.html = writer.lines(f"{group.html_id} {row.html_id}", block_id, row.cells)
            group.rows_html = writer.rows(group.html_id, block_id, group_rows)
            group.totals_html = writer.amounts(
                f"{group.html_id} {group.html_id}-totaal", block_id, totals
            )
            groups.append(group)
        line_totals = {year: total(group.totals[year] for group in groups) for year in years}
        product_budgets = budgets.get(product.pk, {})
        remainders = {
            year: (product_budgets[year].amount if year in product_budgets else ZERO)
            - line_totals[year]
            for year in years
        }
        block = ProductBlock(product, product_budgets, groups, line_totals, remainders, block_id)
        block.cells = {
            "budget": writer.budget(block_id, product, product_budgets),
            "lines": writer.amounts(f"{block_id}-regels", block_id, line_totals),
            "rest": writer.amounts(f"{block_id}-rest", block_id, remainders),
        }
        blocks.append(block)
    return blocks


def blocks_html(blocks, years):
    """The tables of `overview_blocks`, written as overview.html's loop wrote them (issue 17):
    at 100x a window has some 15 products with 100 rows; the template's loop per product and
    per group was a tenth of the page."""
    texts = {
        "line": _("Regel"),
        "kind": _("Soort"),
        "budget": _("Budget van het product"),
        "lines": _("Totaal op regels"),
        "rest": _("Niet op regels (personele inzet en overig)"),
    }
    total_of = _("Totaal %(label)s")
    columns = len(years) + 2
    parts = []
    for block in blocks:
        p = escape(block.html_id)
        year_heads = "".join(
            f'<th scope="col" id="{p}-{year}" class="amount">{year}</th>' for year in years
        )
        groups = "".join(
            f'\n          <tr class="category-row"><th scope="rowgroup" id="{g}" '
            f'colspan="{columns}">{escape(group.label)}</th></tr>'
            f"\n          {group.rows_html}"
            f'\n          <tr class="subtotal"><th scope="row" id="{g}-totaal" headers="{g}" '
            f'class="fw-normal fst-italic">'
            f"{total_of % {'label': escape(str(group.label).lower())}}</th>"
            f'<td headers="{g}-totaal {p}-soort"></td>{group.totals_html}</tr>\n        '
            for group, g in ((group, escape(group.html_id)) for group in block.groups)
        )
        parts.append(
            '\n  <div class="table-responsive mb-4">'
            f'\n    <table class="table table-sm caption-top budget-matrix" id="{p}">'
            f'\n      <caption class="h5 text-body">{escape(block.product.name)}</caption>'
            "\n      <thead>"
            f'\n        <tr><th scope="col" id="{p}-regel">{texts["line"]}</th>'
            f'<th scope="col" id="{p}-soort">{texts["kind"]}</th>{year_heads}</tr>'
            "\n      </thead>"
            "\n      <tbody>"
            '\n        <tr class="table-light fw-semibold">'
            f'\n          <th scope="row" id="{p}-budget">{texts["budget"]}</th>'
            f'<td headers="{p}-budget {p}-soort"></td>'
            f"\n          {block.cells['budget']}"
            "\n        </tr>"
            f"\n        {groups}"
            f'\n        <tr class="fw-semibold"><th scope="row" id="{p}-regels">{texts["lines"]}'
            f'</th><td headers="{p}-regels {p}-soort"></td>{block.cells["lines"]}</tr>'
            f'\n        <tr><th scope="row" id="{p}-rest">{texts["rest"]}</th>'
            f'<td headers="{p}-rest {p}-soort"></td>{block.cells["rest"]}</tr>'
            "\n      </tbody>"
            "\n    </table>"
            "\n  </div>"
            "\n  "
        )
    return mark_safe("".join(parts))
