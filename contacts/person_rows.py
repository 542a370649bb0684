"""The rows of the people list, written in Python (issue 17), as
templates/contacts/person_list.html wrote them, with the texts looked up once per page."""

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .follow_up_rows import day


def person_rows(people, today):
    """The table's rows (with the url, organisation_url and language_codes the view gave each)."""
    expired = f' <span class="badge badge-overdue">{escape(_("verlopen"))}</span>'
    rows = []
    for person in people:
        review = f"{day(person.review_on)}{expired if person.review_on < today else ''}"
        rows.append(
            "\n    <tr>"
            f'\n      <td><a href="{escape(person.url)}">{escape(person.last_name)}, '
            f"{escape(person.first_name)}</a></td>"
            f'\n      <td><a href="{escape(person.organisation_url)}">'
            f"{escape(person.organisation.name)}</a></td>"
            f"\n      <td>{escape(person.job_title)}</td>"
            f"\n      <td>{escape(person.email)}</td>"
            f"\n      <td>{escape(person.language_codes)}</td>"
            f"\n      <td>{review}</td>"
            "\n    </tr>\n  "
        )
    return mark_safe("".join(rows))
