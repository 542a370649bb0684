"""The rows of the list of budget lines, written in Python (issue 17).

Fifty rows a page, each with three get_FOO_display calls (Django's builds a dict of every
choice per call), a reverse() and four money filters through the template engine, cost more
than the rest of the page. The rows are written here as the template wrote them, with the
choices' labels, the texts and the URL prefix looked up once per page.
"""

from html import escape as escape_text

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.money import euro_formatter, signed_euro_formatter

from .constants import Basis, LineCategory, Recurrence
from .derivation import labels
from .matrix import pk_url

EMPTY = "–"


def line_rows(lines):
    """The table's rows of these lines (with attach_links' link_url, link_target, shown_target)."""
    euro, signed_euro = euro_formatter(), signed_euro_formatter()
    category, recurrence, basis = (
        {value: escape(label) for value, label in labels(choices).items()}
        for choices in (LineCategory.choices, Recurrence.choices, Basis.choices)
    )
    example = f' <span class="badge badge-example">{escape(_("voorbeeld"))}</span>'
    detail = pk_url("budget:line-detail")
    rows = []
    for line in lines:
        if line.link_target:
            target = (
                f'<a href="{escape_text(line.link_url)}">{escape_text(str(line.link_target))}</a>'
            )
        elif line.shown_target:
            target = escape_text(str(line.shown_target))
        else:
            target = EMPTY
        if line.actual is None:
            actual = difference = EMPTY
        else:
            actual = euro(line.actual) + (example if line.actual_is_example else "")
            difference = escape_text(signed_euro(line.difference))
        rows.append(
            "\n    <tr>"
            f"\n      <td>{line.year}</td>"
            f"\n      <td>{escape_text(line.product.name)}</td>"
            f'\n      <td><a href="{escape_text(detail(line.pk))}">'
            f"{escape_text(line.name)}</a></td>"
            f"\n      <td>{category.get(line.category) or escape(line.category)}</td>"
            f"\n      <td>{recurrence.get(line.recurrence) or escape(line.recurrence)}</td>"
            f"\n      <td>{basis.get(line.basis) or escape(line.basis)}</td>"
            f"\n      <td>{target}</td>"
            f'\n      <td class="amount">{euro(line.amount)}</td>'
            f'\n      <td class="amount">{actual}</td>'
            f'\n      <td class="amount">{difference}</td>'
            "\n    </tr>\n  "
        )
    return mark_safe("".join(rows))
