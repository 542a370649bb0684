"""The rows of the people list, written in Python (issue 17), as
templates/contacts/person_list.html wrote them, with the texts looked up once per page."""

from html import escape as escape_text

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .follow_up_rows import day


def person_rows(people, today):
    """The table's rows (with the url, organisation_url and language_codes the view gave each).
    The records' texts are plain strings: html.escape writes what conditional_escape writes."""
    expired = f' <span class="badge badge-overdue">{escape(_("verlopen"))}</span>'
    rows = []
    for person in people:
        review = f"{day(person.review_on)}{expired if person.review_on < today else ''}"
        rows.append(
            "\n    <tr>"
            f'\n      <td><a href="{escape_text(person.url)}">{escape_text(person.last_name)}, '
            f"{escape_text(person.first_name)}</a></td>"
            f'\n      <td><a href="{escape_text(person.organisation_url)}">'
            f"{escape_text(person.organisation.name)}</a></td>"
            f"\n      <td>{escape_text(person.job_title)}</td>"
            f"\n      <td>{escape_text(person.email)}</td>"
            f"\n      <td>{escape_text(person.language_codes)}</td>"
            f"\n      <td>{review}</td>"
            "\n    </tr>\n  "
        )
    return mark_safe("".join(rows))
