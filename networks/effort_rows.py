"""The rows of the efforts' table, written in Python (issue 17).

Fifty rows a page, each with three {% include %}s of badges, a loop over its themes, its
network's visibility and a truncated summary, cost most of the page through the template
engine. The rows are written here as templates/networks/effort_list.html wrote them, with
the badges' texts and the themes' links looked up once per page.
"""

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.badges import ExampleBadges, ThemeChips, VisibilityBadges
from core.renderers import shown

from .constants import Lead, ResultStatus, own_choices

NONE = '<span class="text-body-secondary">–</span>'
FORUM = '<span class="d-block small text-body-secondary">{}</span>'


def effort_rows(efforts, themes, user):
    """The table's rows of these efforts (network, forum and result loaded); `themes` gives
    each effort's themes by its pk (core.lists.related_of)."""
    visibility = VisibilityBadges()
    example = ExampleBadges()
    leads = dict(own_choices(Lead))  # get_lead_display(), once per page
    statuses = {value: str(label) for value, label in ResultStatus.choices}
    signed_in = user.is_authenticated
    theme_chips = ThemeChips()
    rows = []
    for effort in efforts:
        network = effort.network
        if network and (network.is_public() or signed_in):
            forum = FORUM.format(escape(effort.forum.name)) if effort.forum else ""
            network_html = (
                f'<a href="{escape(network.get_absolute_url())}">{escape(network.name)}</a>{forum}'
            )
        else:
            network_html = NONE
        chips = theme_chips(themes.get(effort.pk, ()))
        result = getattr(effort, "result", None)
        status = effort.status
        summary = getattr(result, "summary", "")
        summary_html = (
            f'<span class="d-block small">'
            f"{escape(Truncator(summary).words(18, truncate=' …'))}</span>"
            if summary
            else ""
        )
        rows.append(
            "\n      <tr>"
            f"\n        <td>{shown(effort.year)}</td>"
            f"\n        <td>{shown(effort.number)}</td>"
            f'\n        <td><a href="{escape(effort.get_absolute_url())}">{escape(effort.title)}'
            f"</a>{visibility(effort)}{example(effort)}</td>"
            f"\n        <td>{shown(effort.expected_yield)}</td>"
            f"\n        <td>{shown(leads.get(effort.lead, effort.lead))}</td>"
            f"\n        <td>{network_html}</td>"
            f"\n        <td>{' '.join(chips) if chips else NONE}</td>"
            f'\n        <td><span class="badge status-badge status-{shown(status)}">'
            f"{shown(statuses[status])}</span>{example(result)}{summary_html}</td>"
            "\n      </tr>\n    "
        )
    return mark_safe("".join(rows))
