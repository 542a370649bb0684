"""The rows of the networks' list, written in Python (issue 17).

Fifty rows a page, each with an {% include %} of the visibility badge, a {% blocktranslate %},
a {% with %} and the filters of its cells, cost most of the page through the template engine.
The rows are written here as templates/networks/network_list.html wrote them, with the texts
looked up once per page.
"""

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.badges import VisibilityBadges
from core.money import euro_formatter
from core.renderers import shown

NONE = '<span class="text-body-secondary">–</span>'
FORUMS = '<span class="d-block small text-body-secondary">{}</span>'
QUIET = '<span class="text-body-secondary">{}</span>'


def network_rows(networks):
    """The table's rows (networks with n_forums, n_efforts, membership_lines and theme_chips)."""
    visibility = VisibilityBadges()
    euro = euro_formatter()
    no_role = QUIET.format(escape(_("geen rol")))
    comma = escape(", ")
    rows = []
    for network in networks:
        forums = ""
        if network.n_forums:
            count = network.n_forums
            forums = FORUMS.format(
                ngettext("%(counter)s forum", "%(counter)s fora", count) % {"counter": shown(count)}
            )
        if network.theme_chips:
            themes = network.theme_chips
        else:
            themes = QUIET.format(shown(network.theme_summary or "–"))
        roles = network.roles
        roles_html = comma.join(escape(role) for role in roles) if roles else no_role
        lines = network.membership_lines
        if lines:
            line = lines[0]
            membership = (
                f'{euro(line.amount)} <span class="small text-body-secondary">'
                f"({shown(line.year)})</span>"
            )
        else:
            membership = NONE
        rows.append(
            "\n      <tr>"
            f"\n        <td>{shown(network.annex_number or '–')}</td>"
            "\n        <td>"
            f'\n          <a class="fw-semibold" href="{escape(network.get_absolute_url())}">'
            f"{escape(network.name)}</a>{visibility(network)}"
            f"\n          {forums}"
            "\n        </td>"
            f"\n        <td>{themes}</td>"
            f"\n        <td>{shown(network.get_represented_by_display())}</td>"
            f"\n        <td>{roles_html}</td>"
            f'\n        <td class="amount">{membership}</td>'
            f'\n        <td class="amount">{shown(network.n_efforts)}</td>'
            "\n      </tr>\n    "
        )
    return mark_safe("".join(rows))
