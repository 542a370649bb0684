"""The rows of the organisations' list, written in Python (issue 17).

Fifty rows a page, each with get_kind_display (Django's builds a dict of every choice per
call), a {% with %} and a truncated text through the template engine, cost most of the page.
The rows are written here as templates/contacts/organisation_list.html wrote them, with the
labels looked up once per page.
"""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.renderers import shown

from .constants import OrganisationKind
from .follow_up_rows import words


def organisation_rows(organisations, show_partner, show_people):
    """The table's rows of these organisations (values, with the url, theme_names and
    partner_label the view gave each; the public activities in `activities` and
    `activities_language`, as Organisation.public_activities() reads them). Every value is a
    plain string: html.escape writes what conditional_escape writes."""
    kinds = {value: str(label) for value, label in OrganisationKind.choices}
    language = get_language()
    rows = []
    for organisation in organisations:
        if show_partner:
            partner = f"<td>{escape(organisation['partner_label'])}</td>"
        else:
            code = organisation["activities_language"]
            lang = f' lang="{escape(code)}"' if code != language else ""
            text = words(organisation["activities"], 20)
            partner = f"<td{lang}>{escape(text)}</td>"
        if show_people:
            people = f'<td class="text-end">{shown(organisation["n_people"])}</td>'
        else:
            people = ""
        kind = organisation["kind"]
        rows.append(
            "\n      <tr>"
            f'\n        <td><a href="{escape(organisation["url"])}">'
            f"{escape(organisation['name'])}</a></td>"
            f"\n        <td>{escape(kinds.get(kind, kind))}</td>"
            f"\n        <td>{escape(organisation['city'])} "
            f'<span class="text-body-secondary">({escape(organisation["country"])})</span></td>'
            f"\n        <td>{escape(organisation['theme_names'])}</td>"
            f"\n        {partner}"
            f"\n        {people}"
            "\n      </tr>\n    "
        )
    return mark_safe("".join(rows))
