"""The latest council proposals' cards on /voorstellen/ are written in Python (proposals/cards.py,
issue 17): the same HTML as the template loop they replace, for every kind of card."""

from datetime import date

import pytest
from django.db.models import Count
from django.template import Context, Template
from django.utils import translation

from proposals.cards import council_proposal_cards
from proposals.models import CouncilProposal
from tests.factories import (
    CouncilProposalFactory,
    DecisionPointFactory,
    ProcessStepFactory,
    ProposalFactory,
)

# The loop of templates/proposals/councilproposal_list.html before it was written in Python.
TEMPLATE = """{% load i18n %}
    {% for cp in council_proposals %}
      <div class="col-lg-6">
        <article class="card h-100">
          <div class="card-body">
            <h3 class="h5 card-title"><a href="{{ cp.get_absolute_url }}">{{ cp.subject }}</a>{% include "includes/visibility_badge.html" with obj=cp %}</h3>
            <dl class="facts mb-0">
              <dt>{% translate "Zaaknummer" %}</dt><dd>{{ cp.case_number }}</dd>
              <dt>{% translate "Status" %}</dt><dd>{{ cp.get_status_display }}</dd>
              {% if cp.council_meeting_on %}<dt>{% translate "Raadsvergadering" %}</dt><dd>{{ cp.council_meeting_on|date:"DATE_FORMAT" }}</dd>{% endif %}
              {% if cp.motion %}<dt>{% translate "Aanleiding" %}</dt><dd>{{ cp.motion.title }} ({{ cp.motion.adopted_on|date:"DATE_FORMAT" }})</dd>{% endif %}
              <dt>{% translate "Voorstellen" %}</dt><dd>{{ cp.n_proposals }}</dd>
            </dl>
            <h4 class="h6 mt-3">{% translate "Verloop" %}</h4>
            <ol class="timeline timeline-compact small mb-2">
              {% for step in cp.steps.all %}
                <li><span class="fw-semibold">{% if step.date %}<time datetime="{{ step.date|date:'Y-m-d' }}">{{ step.date|date:"DATE_FORMAT" }}</time>{% else %}{% translate "datum onbekend" %}{% endif %}</span> · {{ step.get_kind_display }}</li>
              {% endfor %}
            </ol>
            <h4 class="h6">{% translate "Besluitpunten" %}</h4>
            <ol class="small mb-0">
              {% for point in cp.decision_points.all %}
                <li><span class="badge outcome-badge outcome-{{ point.outcome }}">{{ point.get_outcome_display }}</span>{% if point.decided_on %} {{ point.decided_on|date:"DATE_FORMAT" }}{% endif %} <span class="text-body-secondary">{{ point.text|truncatewords:12 }}</span></li>
              {% empty %}
                <li>{% translate "Geen besluitpunten vastgelegd." %}</li>
              {% endfor %}
            </ol>
          </div>
        </article>
      </div>
    {% empty %}
      <p>{% translate "Er zijn nog geen raadsvoorstellen." %}</p>
    {% endfor %}
"""  # noqa: E501


@pytest.mark.django_db
def test_the_cards_read_as_the_template_wrote_them():
    full = CouncilProposalFactory(subject="Zusammenarbeit <Twente> & Münster")
    ProcessStepFactory(council_proposal=full, date=date(2018, 2, 14))
    ProcessStepFactory(council_proposal=full, date=None, kind="raadsvergadering")
    DecisionPointFactory(
        council_proposal=full,
        outcome="aangenomen",
        decided_on=date(2018, 3, 6),
        text="Een lange tekst met <b>opmaak</b> " + "en nog meer woorden " * 5,
    )
    DecisionPointFactory(council_proposal=full, text="Kort")
    ProposalFactory(council_proposal=full)
    ProposalFactory(council_proposal=full)
    bare = CouncilProposalFactory(
        motion=None, council_meeting_on=None, visibility="concept", subject="Nog een & ander"
    )
    council_proposals = list(
        CouncilProposal.objects.filter(pk__in=[full.pk, bare.pk])
        .select_related("motion")
        .prefetch_related("steps", "decision_points")
        .annotate(n_proposals=Count("proposals", distinct=True))
        .order_by("pk")
    )
    template = Template(TEMPLATE)
    for language in ("nl", "de", "en"):
        with translation.override(language):
            for shown in (council_proposals, council_proposals[1:], []):
                expected = template.render(Context({"council_proposals": shown}))
                written = Template("{% load i18n %}\n    {{ cards }}\n").render(
                    Context({"cards": council_proposal_cards(shown)})
                )
                assert written == expected, (language, len(shown))
    html = str(council_proposal_cards(council_proposals))
    assert "datum onbekend" in html
    assert "Geen besluitpunten vastgelegd." in html
    assert "badge-concept" in html
    assert "&lt;Twente&gt; &amp; Münster" in html
    assert "&lt;b&gt;opmaak&lt;/b&gt;" in html


@pytest.mark.django_db
def test_the_cards_read_their_steps_and_points_in_two_queries(django_assert_num_queries):
    for _number in range(3):
        council_proposal = CouncilProposalFactory()
        ProcessStepFactory(council_proposal=council_proposal)
        DecisionPointFactory(council_proposal=council_proposal)
    council_proposals = list(
        CouncilProposal.objects.select_related("motion").annotate(
            n_proposals=Count("proposals", distinct=True)
        )
    )
    with django_assert_num_queries(2):
        council_proposal_cards(council_proposals)
    with django_assert_num_queries(0):
        council_proposal_cards([])
