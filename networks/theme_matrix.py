"""The themes page's matrix and cards, written in Python (issue 17).

The matrix has a row per network (fifty a page) with a cell per theme, and every theme has a
column head, a count below the matrix and a card with three counted texts
({% blocktranslate count %}, some 200 calls each): a template loop over them cost a third of the
page. Written here as
templates/networks/theme_list.html wrote them, each theme's link and label looked up once.
"""

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.badges import VisibilityBadges
from core.renderers import shown


class ThemeColumns:
    """What the matrix and the cards repeat per theme: its escaped code, kind, name and link."""

    def __init__(self, themes):
        self.themes = [
            (
                theme,
                escape(theme.code),
                escape(theme.kind),
                f'<a href="{escape(theme.get_absolute_url())}">{escape(theme.name)}</a>',
                " gap" if not theme.n_networks else "",
            )
            for theme in themes
        ]
        self.yes = (
            '<span aria-hidden="true">●</span>'
            f'<span class="visually-hidden">{escape(_("ja"))}</span>'
        )
        self.no = f'<span class="visually-hidden">{escape(_("nee"))}</span>'

    def head(self):
        """The matrix's row of column heads."""
        return mark_safe(  # noqa: S308 - every value escaped above
            "".join(
                f'<th scope="col" id="matrix-{code}" headers="matrix-{kind}" '
                f'class="theme-col{gap}">{link}</th>'
                for _theme, code, kind, link, gap in self.themes
            )
        )

    def rows(self, networks, themes):
        """A row per network: its name and a dot under each of its themes (`themes`: the
        networks' themes by their pk, core.lists.related_of)."""
        badge = VisibilityBadges()
        rows = []
        for network in networks:
            covered = {theme.pk for theme in themes.get(network.pk, ())}
            row_id = f"matrix-netwerk-{network.pk}"
            cells = []
            for theme, code, kind, _link, _gap in self.themes:
                here = theme.pk in covered
                cells.append(
                    f'<td headers="{row_id} matrix-{kind} matrix-{code}" '
                    f'class="cell{" covered" if here else ""}">{self.yes if here else self.no}</td>'
                )
            rows.append(
                "\n          <tr>"
                f'\n            <th scope="row" id="{row_id}"><a href="'
                f'{escape(network.get_absolute_url())}">{escape(network.name)}</a>'
                f"{badge(network)}</th>"
                f"\n            {''.join(cells)}"
                "\n          </tr>\n        "
            )
        return mark_safe("".join(rows))  # noqa: S308 - every value escaped above

    def counts(self):
        """The row under the matrix: the networks per theme."""
        return mark_safe(  # noqa: S308 - every value escaped above
            "".join(
                f'<td headers="matrix-aantal matrix-{kind} matrix-{code}" class="cell{gap}">'
                f"{shown(theme.n_networks)}</td>"
                for theme, code, kind, _link, gap in self.themes
            )
        )

    def cards(self):
        """A card per theme with its proposals, networks and efforts counted."""
        cards = []
        for theme, code, _kind, link, _gap in self.themes:
            border = " border-warning" if not theme.n_networks else ""
            proposals = ngettext(
                "%(counter)s voorstel", "%(counter)s voorstellen", theme.n_proposals
            ) % {"counter": shown(theme.n_proposals)}
            networks = ngettext(
                "%(counter)s netwerk", "%(counter)s netwerken", theme.n_networks
            ) % {"counter": shown(theme.n_networks)}
            efforts = ngettext(
                "%(counter)s inspanning", "%(counter)s inspanningen", theme.n_efforts
            ) % {"counter": shown(theme.n_efforts)}
            cards.append(
                '\n      <div class="col-md-6 col-lg-4">'
                f'\n        <article class="card h-100{border}" '
                f'aria-labelledby="thema-kaart-{code}">'
                '\n          <div class="card-body">'
                f'\n            <h3 class="h6 card-title" id="thema-kaart-{code}">{link}</h3>'
                '\n            <p class="small text-body-secondary mb-2">'
                f"{shown(theme.get_kind_display())}</p>"
                '\n            <p class="small mb-0">'
                f"\n              {proposals} ·"
                f"\n              {networks} ·"
                f"\n              {efforts}"
                "\n            </p>"
                "\n          </div>"
                "\n        </article>"
                "\n      </div>\n    "
            )
        return mark_safe("".join(cards))  # noqa: S308 - every value escaped above
