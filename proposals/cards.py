"""The cards of the latest council proposals on /voorstellen/, written in Python (issue 17).

Four cards, each with an {% include %} of the visibility badge and loops over its steps and
decision points with a date filter per step, cost a fifth of the page through the template
engine. Written here as templates/proposals/councilproposal_list.html wrote them, with the
texts and the date format looked up once per page.
"""

from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.badges import VisibilityBadges
from core.choices import labels
from core.renderers import shown

from .models import DecisionPoint, ProcessStep


def steps_and_points(council_proposals):
    """({council proposal id: [(date, kind label)]}, {id: [(outcome, label, decided_on, text)]})
    in the models' order, read as plain values: the two queries that prefetching the steps and
    decision points made, without a model instance and a queryset per row (issue 17)."""
    ids = [cp.pk for cp in council_proposals]
    kinds = labels(ProcessStep._meta.get_field("kind"))
    steps = {}
    for owner, day, kind in ProcessStep.objects.filter(council_proposal_id__in=ids).values_list(
        "council_proposal_id", "date", "kind"
    ):
        steps.setdefault(owner, []).append((day, str(kinds.get(kind, kind))))
    outcomes = labels(DecisionPoint._meta.get_field("outcome"))
    points = {}
    for owner, outcome, decided_on, text in DecisionPoint.objects.filter(
        council_proposal_id__in=ids
    ).values_list("council_proposal_id", "outcome", "decided_on", "text"):
        label = str(outcomes.get(outcome, outcome))
        points.setdefault(owner, []).append((outcome, label, decided_on, text))
    return steps, points


def council_proposal_cards(council_proposals):
    """The cards (the motion loaded; the steps and decision points read here), or the text for
    none."""
    if not council_proposals:
        return mark_safe(  # noqa: S308 - escaped here
            f"\n      <p>{escape(_('Er zijn nog geen raadsvoorstellen.'))}</p>\n    "
        )
    visibility = VisibilityBadges()
    date_format = get_format("DATE_FORMAT")
    texts = {
        text: escape(_(text))
        for text in (
            "Zaaknummer",
            "Status",
            "Raadsvergadering",
            "Aanleiding",
            "Voorstellen",
            "Verloop",
            "datum onbekend",
            "Besluitpunten",
            "Geen besluitpunten vastgelegd.",
        )
    }

    steps_of, points_of = steps_and_points(council_proposals)
    days = {}

    def day(value):
        if value not in days:
            days[value] = escape(dateformat.format(value, date_format))
        return days[value]

    cards = []
    for cp in council_proposals:
        facts = [
            f"<dt>{texts['Zaaknummer']}</dt><dd>{shown(cp.case_number)}</dd>",
            f"<dt>{texts['Status']}</dt><dd>{shown(cp.get_status_display())}</dd>",
            f"<dt>{texts['Raadsvergadering']}</dt><dd>{day(cp.council_meeting_on)}</dd>"
            if cp.council_meeting_on
            else "",
            f"<dt>{texts['Aanleiding']}</dt><dd>{shown(cp.motion.title)} "
            f"({day(cp.motion.adopted_on) if cp.motion.adopted_on else ''})</dd>"
            if cp.motion
            else "",
            f"<dt>{texts['Voorstellen']}</dt><dd>{shown(cp.n_proposals)}</dd>",
        ]
        steps = []
        for date, kind in steps_of.get(cp.pk, ()):
            if date:
                when = f'<time datetime="{date.isoformat()}">{day(date)}</time>'
            else:
                when = texts["datum onbekend"]
            steps.append(
                f'\n                <li><span class="fw-semibold">{when}</span> · '
                f"{shown(kind)}</li>\n              "
            )
        points = []
        for outcome, label, decided_on, point_text in points_of.get(cp.pk, ()):
            decided = f" {day(decided_on)}" if decided_on else ""
            text = escape(Truncator(point_text).words(12, truncate=" …"))
            points.append(
                f'\n                <li><span class="badge outcome-badge outcome-'
                f'{shown(outcome)}">{shown(label)}</span>{decided} '
                f'<span class="text-body-secondary">{text}</span></li>\n              '
            )
        if not points:
            points.append(
                f"\n                <li>{texts['Geen besluitpunten vastgelegd.']}</li>"
                "\n              "
            )
        cards.append(
            '\n      <div class="col-lg-6">'
            '\n        <article class="card h-100">'
            '\n          <div class="card-body">'
            f'\n            <h3 class="h5 card-title"><a href="{escape(cp.get_absolute_url())}">'
            f"{shown(cp.subject)}</a>{visibility(cp)}</h3>"
            '\n            <dl class="facts mb-0">'
            f"\n              {facts[0]}"
            f"\n              {facts[1]}"
            f"\n              {facts[2]}"
            f"\n              {facts[3]}"
            f"\n              {facts[4]}"
            "\n            </dl>"
            f'\n            <h4 class="h6 mt-3">{texts["Verloop"]}</h4>'
            '\n            <ol class="timeline timeline-compact small mb-2">'
            f"\n              {''.join(steps)}"
            "\n            </ol>"
            f'\n            <h4 class="h6">{texts["Besluitpunten"]}</h4>'
            '\n            <ol class="small mb-0">'
            f"\n              {''.join(points)}"
            "\n            </ol>"
            "\n          </div>"
            "\n        </article>"
            "\n      </div>\n    "
        )
    return mark_safe("".join(cards))  # noqa: S308 - every value escaped above
