"""The derivation's long tables, written in Python (issue 17).

At 900 networks a year has some 400 membership lines; a template loop per row with its
`get_basis_display` (a dict of every choice per call) and `|euro` cost more than the rest of the
page. These rows are written here as the template wrote them: the amounts through
core.money.euro_formatter, the choices' labels and the texts looked up once per page.
"""

from html import escape as escape_text

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.money import euro_formatter

from .constants import Basis, LineCategory

ROW = "\n        <tr>{}</tr>\n      "


def labels(choices):
    """{value: label} of a field's choices in the active language, as get_FOO_display reads."""
    return {value: str(label) for value, label in choices}


class DerivationRows:
    """The rows of step 1 of the derivation for one year's summary."""

    def __init__(self, summary):
        self.summary = summary
        self.euro = euro_formatter()
        self.basis = {value: escape(label) for value, label in labels(Basis.choices).items()}
        self.category = labels(LineCategory.choices)

    def basis_of(self, record):
        basis = self.basis.get(record.basis)
        return basis if basis is not None else escape(record.basis)

    def product_budgets(self):
        rows = []
        for pb in self.summary.product_budgets:
            source = f": {escape(pb.source)}" if pb.source else ""
            rows.append(
                ROW.format(
                    f'<th scope="row" class="fw-normal">{escape(pb.product.name)}</th>'
                    f'<td class="amount">{self.euro(pb.amount)}</td>'
                    f'<td class="small">{self.basis_of(pb)}{source}</td>'
                )
            )
        return mark_safe("".join(rows))

    def lines(self, lines, what):
        """Rows of lines, each `what(line)` before its basis (texts through html.escape: the
        names and links are plain strings)."""
        euro, basis_of = self.euro, self.basis_of
        return mark_safe(
            "".join(
                "\n        <tr>"
                f'<th scope="row" class="fw-normal">− <a href="{escape_text(line.link_url)}">'
                f"{escape_text(line.name)}</a></th>"
                f'<td class="amount">{euro(line.amount)}</td>'
                f'<td class="small">{what(line)} · {basis_of(line)}</td>'
                "</tr>\n      "
                for line in lines
            )
        )

    def as_dict(self):
        membership = escape(_("lidmaatschap"))
        partner_city = escape(_("partnerstad"))
        return {
            "product_budgets": self.product_budgets(),
            "memberships": self.lines(self.summary.memberships, lambda line: membership),
            "partner_city_lines": self.lines(
                self.summary.partner_city_lines, lambda line: partner_city
            ),
            "other_lines": self.lines(
                self.summary.other_lines,
                lambda line: escape(self.category.get(line.category, line.category).lower()),
            ),
        }


def year_options(years, chosen):
    """The options of the year choice, as derivation.html's loop wrote them."""
    return mark_safe(
        "".join(
            f'<option value="{year}"{" selected" if year == chosen else ""}>{year}</option>'
            for year in years
        )
    )
