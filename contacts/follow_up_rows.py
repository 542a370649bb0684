"""The rows of 'mijn opvolging', written in Python (issue 17).

Fifty rows a page, each with three links, two dates, a truncated note, a choice's label and a
form to close it, cost most of the page's rendering through the template engine. The rows are
written here as the template wrote them, with the texts and labels looked up once per page.
"""

from collections import namedtuple
from html import escape as escape_text

from django.middleware.csrf import get_token
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.text import add_truncation_text
from django.utils.translation import gettext as _

from .constants import InteractionKind

EMPTY = "–"

# One follow-up as the rows read it: an interaction's values, its organisation's and person's.
FOLLOW_UP_COLUMNS = (
    *("pk", "kind", "occurred_on", "summary", "follow_up_on", "follow_up_note", "is_example"),
    *("organisation_id", "organisation__name"),
    *("person_id", "person__first_name", "person__last_name"),
)
FollowUp = namedtuple(
    "FollowUp",
    [
        *("pk", "kind", "occurred_on", "summary", "follow_up_on", "follow_up_note", "is_example"),
        *("organisation_id", "organisation_name"),
        *("person_id", "person_first_name", "person_last_name"),
    ],
)


def day(value):
    """`{{ value|date:"d-m-Y" }}`."""
    return f"{value.day:02d}-{value.month:02d}-{value.year}" if value else ""


def example_badge():
    """templates/includes/example_badge.html for a record that is an example."""
    title = escape(_("Verzonnen demogegevens, geen feit uit de bronnen"))
    return f' <span class="badge badge-example" title="{title}">{escape(_("voorbeeld"))}</span>'


def words(text, length, truncate=" …"):
    """`Truncator(text).words(length, truncate=truncate)` of a plain string, as Django's
    _text_words does it, without a lazy object per row."""
    found = text.split()
    if len(found) > length:
        return add_truncation_text(" ".join(found[:length]), truncate)
    return " ".join(found)


def follow_up_rows(request, items, today, can_close, links):
    """The table's rows of these follow-ups (FollowUp values); `links` gives the functions
    pk -> URL of the organisation, person, interaction and follow-up-done pages. The records'
    texts are plain strings: html.escape writes what conditional_escape writes."""
    organisation_link, person_link = links["organisation-detail"], links["person-detail"]
    interaction_link, done_link = links["interaction-detail"], links["follow-up-done"]
    kinds = {value: str(label) for value, label in InteractionKind.choices}
    overdue_row = ' class="overdue"'
    late = f' <span class="badge badge-overdue">{escape(_("te laat"))}</span>'
    done = escape(_("Afgerond"))
    example = example_badge()
    if can_close:
        token = escape(get_token(request))
        next_url = escape(request.get_full_path())
    rows = []
    for item in items:
        overdue = item.follow_up_on < today
        when = day(item.follow_up_on)
        organisation = escape_text(item.organisation_name)
        if item.person_id is not None:
            name = f"{item.person_first_name} {item.person_last_name}".strip()  # full_name
            person = f'<a href="{escape_text(person_link(item.person_id))}">{escape_text(name)}</a>'
        else:
            person = EMPTY
        note = words(item.follow_up_note or item.summary, 20)
        kind = escape_text(kinds.get(item.kind, item.kind))
        if can_close:
            action = (
                f'<form method="post" action="{escape_text(done_link(item.pk))}">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
                f'<input type="hidden" name="next" value="{next_url}">'
                f'<button type="submit" class="btn btn-sm btn-outline-success">{done}'
                f'<span class="visually-hidden"> ({organisation}, {when})</span></button></form>'
            )
        else:
            action = ""
        rows.append(
            f"\n    <tr{overdue_row if overdue else ''}>"
            f"\n      <td>{when}{late if overdue else ''}</td>"
            f'\n      <td><a href="{escape_text(organisation_link(item.organisation_id))}">'
            f"{organisation}</a></td>"
            f"\n      <td>{person}</td>"
            f"\n      <td>{escape_text(note)}</td>"
            f'\n      <td><a href="{escape_text(interaction_link(item.pk))}">'
            f"{kind} {day(item.occurred_on)}</a>{example if item.is_example else ''}</td>"
            f"\n      <td>{action}</td>"
            "\n    </tr>\n  "
        )
    return mark_safe("".join(rows))
