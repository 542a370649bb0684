"""The rows of the people list, written in Python (issue 17), as
templates/contacts/person_list.html wrote them, with the texts looked up once per page."""

from collections import namedtuple
from html import escape as escape_text

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .follow_up_rows import day, example_badge

# One person as the rows read it: the person's values and the organisation's name.
PERSON_COLUMNS = (
    *("pk", "first_name", "last_name", "job_title", "email", "review_on", "is_example"),
    *("organisation_id", "organisation__name"),
)
PersonRow = namedtuple(
    "PersonRow",
    [
        *("pk", "first_name", "last_name", "job_title", "email", "review_on", "is_example"),
        *("organisation_id", "organisation_name"),
    ],
)


def person_rows(people, today, links, codes):
    """The table's rows of these people (PersonRow values); `links` are the functions pk -> URL
    of the person's and the organisation's page, `codes` each person's languages' codes. The
    records' texts are plain strings: html.escape writes what conditional_escape writes."""
    person_link, organisation_link = links
    expired = f' <span class="badge badge-overdue">{escape(_("verlopen"))}</span>'
    example = example_badge()
    rows = []
    for person in people:
        review = f"{day(person.review_on)}{expired if person.review_on < today else ''}"
        rows.append(
            "\n    <tr>"
            f'\n      <td><a href="{escape_text(person_link(person.pk))}">'
            f"{escape_text(person.last_name)}, {escape_text(person.first_name)}</a>"
            f"{example if person.is_example else ''}</td>"
            f'\n      <td><a href="{escape_text(organisation_link(person.organisation_id))}">'
            f"{escape_text(person.organisation_name)}</a></td>"
            f"\n      <td>{escape_text(person.job_title)}</td>"
            f"\n      <td>{escape_text(person.email)}</td>"
            f"\n      <td>{escape_text(', '.join(codes[person.pk]))}</td>"
            f"\n      <td>{review}</td>"
            "\n    </tr>\n  "
        )
    return mark_safe("".join(rows))
