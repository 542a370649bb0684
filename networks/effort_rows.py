"""The rows of the efforts' table, written in Python (issue 17).

Fifty rows a page, each with three {% include %}s of badges, a loop over its themes, its
network's visibility and a truncated summary, cost most of the page through the template
engine. The rows are written here as templates/networks/effort_list.html wrote them, with
the badges' texts and the themes' links looked up once per page. They are read as plain
values (EffortRow): fifty efforts with their networks, forums and results as model instances
cost the page some 4,000 calls more.
"""

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.badges import ExampleBadges, ThemeChips, VisibilityBadges
from core.renderers import shown

from .constants import Lead, ResultStatus, own_choices
from .models import Effort, Network

# What a row shows of an effort, its network, forum and result.
ROW_FIELDS = (
    *("pk", "year", "number", "title", "visibility", "is_example", "expected_yield", "lead"),
    *("network_id", "network__name", "network__slug", "network__visibility"),
    *("forum_id", "forum__name", "result__id", "result__status", "result__summary"),
    "result__is_example",
)


class Values:
    """A related record as a row reads it: a few named values."""

    def __init__(self, **values):
        self.__dict__.update(values)


class NetworkValues(Values):
    """A row's network, with Network's own is_public and get_absolute_url."""

    is_public = Network.is_public
    get_absolute_url = Network.get_absolute_url


class EffortRow:
    """An effort as the table reads it: the values of ROW_FIELDS, its network, forum and result
    (None where it has none), with Effort's own get_absolute_url and status."""

    __slots__ = (
        *("pk", "year", "number", "title", "visibility", "is_example", "expected_yield", "lead"),
        *("network", "forum", "result"),
    )
    get_absolute_url = Effort.get_absolute_url
    status = Effort.status

    def __init__(self, row):
        (self.pk, self.year, self.number, self.title, self.visibility, self.is_example) = row[:6]
        (self.expected_yield, self.lead) = row[6:8]
        (network_id, network_name, slug, visibility) = row[8:12]
        (forum_id, forum_name, result_id, status, summary, result_is_example) = row[12:]
        self.network = (
            None
            if network_id is None
            else NetworkValues(pk=network_id, name=network_name, slug=slug, visibility=visibility)
        )
        self.forum = None if forum_id is None else Values(pk=forum_id, name=forum_name)
        self.result = (
            None
            if result_id is None
            else Values(pk=result_id, status=status, summary=summary, is_example=result_is_example)
        )


def effort_values(queryset):
    """The rows of a queryset of efforts (a page of it), in its order and in one query, as
    EffortRows."""
    return [EffortRow(row) for row in queryset.values_list(*ROW_FIELDS)]


NONE = '<span class="text-body-secondary">–</span>'
FORUM = '<span class="d-block small text-body-secondary">{}</span>'


def effort_rows(efforts, themes, user):
    """The table's rows of these efforts (EffortRows, or instances with their network, forum and
    result loaded); `themes` gives
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
