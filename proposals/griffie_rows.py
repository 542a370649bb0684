"""The griffie's documents table and decisions list, written in Python (issue 17).

Thirty council proposals a page, three documents each, every row with a link, a form with its
CSRF token and a translated label through the template engine, cost most of the page. The rows
are written here as templates/proposals/griffie_document_list.html wrote them, with the texts
looked up and the links reversed once per page.
"""

from html import escape as escape_text

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .services import export_blocked_reason


def case_link(url_name, **kwargs):
    """A function case number -> the URL of `url_name` for it, from one reverse() per page for a
    number of digits (the zaaknummer's form, which needs no quoting), reverse() for any other."""
    before, after = reverse(url_name, kwargs={"case_number": "0", **kwargs}).split("/0/", 1)

    def link(case_number):
        if case_number.isdigit():
            return f"{before}/{case_number}/{after}"
        return reverse(url_name, kwargs={"case_number": case_number, **kwargs})

    return link


def document_rows(request, council_proposals, kinds):
    """The table's rows: per council proposal one row per document kind, with its export form
    or the reason it cannot be exported yet."""
    token = escape(get_token(request))
    links = {kind: case_link("proposals:document-export", kind=kind) for kind in kinds}
    labels = {kind: escape_text(str(kind.label)) for kind in kinds}
    export = escape(_("Exporteer PDF"))
    named = _("%(document)s %(number)s als PDF exporteren")
    rowspan = len(kinds)
    parts = []
    for council_proposal in council_proposals:
        number = escape_text(council_proposal.case_number)
        parts.append("\n        ")
        first = True
        for kind in kinds:
            label = labels[kind]
            blocked = export_blocked_reason(council_proposal, kind)
            if first:
                heading = (
                    f'<th scope="rowgroup" rowspan="{rowspan}" class="fw-normal">'
                    f"{escape_text(council_proposal.subject)}</th>"
                    f'\n            <td rowspan="{rowspan}">{number}</td>'
                )
                first = False
            else:
                heading = ""
            if blocked:
                action = (
                    '\n                <p class="small text-body-secondary mb-0 text-start" '
                    f'data-export-blocked="{escape_text(str(kind))}">{escape_text(blocked)}</p>'
                    "\n              "
                )
            else:
                name = named % {"document": label, "number": number}
                action = (
                    '\n              <form method="post" '
                    f'action="{escape_text(links[kind](council_proposal.case_number))}" '
                    f'data-export-form aria-label="{name}">'
                    "\n                "
                    f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
                    "\n                "
                    '<button type="submit" class="btn btn-primary btn-sm text-nowrap">'
                    f'{export}<span class="visually-hidden"> – {label} {number}</span></button>'
                    "\n              </form>\n              "
                )
            parts.append(
                f"\n          <tr>\n            {heading}"
                f"\n            <td>{label}</td>"
                f'\n            <td class="text-end">\n              {action}'
                "\n            </td>\n          </tr>\n        "
            )
        parts.append("\n      ")
    return mark_safe("".join(parts))


def decision_items(council_proposals):
    """The decisions list's items: each council proposal's recorded decisions (prefetched) and
    the link to record one."""
    record = case_link("proposals:decision-create")
    heading = escape(_("Raadsvoorstel"))
    none = f"{escape(_('nog geen besluit vastgelegd'))} · "
    record_text = escape(_("Besluit vastleggen"))
    parts = []
    for council_proposal in council_proposals:
        number = escape_text(council_proposal.case_number)
        decisions = "".join(
            f'<a href="{escape(decision.get_absolute_url())}">{escape(str(decision))}</a>, '
            for decision in council_proposal.decisions.all()
        )
        parts.append(
            f'\n    <li class="mb-2">{heading} {number}:'
            f"\n      {decisions or none}"
            f'\n      <a href="{escape_text(record(council_proposal.case_number))}">{record_text}'
            f'<span class="visually-hidden"> – {number}</span></a>'
            "\n    </li>\n  "
        )
    return mark_safe("".join(parts))
