"""The griffie page's rows written in Python (proposals/griffie_rows.py, issue 17) read as the
template wrote them: a decided and an undecided council proposal, recorded decisions, a subject
that needs escaping and a case number that is not the usual digits, in Dutch and English."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from proposals.constants import COUNCIL_DOCUMENT_KINDS
from proposals.griffie_rows import decision_items, document_rows
from proposals.models import CouncilProposal, Decision
from proposals.services import export_blocked_reason

pytestmark = pytest.mark.django_db

# The template's loops before the rows were written in Python.
DOCUMENTS = """{% load i18n %}{% for council_proposal in council_proposals %}
        {% for kind, label, blocked in council_proposal.documents %}
          <tr>
            {% if forloop.first %}<th scope="rowgroup" rowspan="{{ document_kinds|length }}" class="fw-normal">{{ council_proposal.subject }}</th>
            <td rowspan="{{ document_kinds|length }}">{{ council_proposal.case_number }}</td>{% endif %}
            <td>{{ label }}</td>
            <td class="text-end">
              {% if blocked %}
                <p class="small text-body-secondary mb-0 text-start" data-export-blocked="{{ kind }}">{{ blocked }}</p>
              {% else %}
              <form method="post" action="{% url 'proposals:document-export' case_number=council_proposal.case_number kind=kind %}" data-export-form aria-label="{% blocktranslate trimmed with document=label number=council_proposal.case_number %}{{ document }} {{ number }} als PDF exporteren{% endblocktranslate %}">
                {% csrf_token %}
                <button type="submit" class="btn btn-primary btn-sm text-nowrap">{% translate "Exporteer PDF" %}<span class="visually-hidden"> – {{ label }} {{ council_proposal.case_number }}</span></button>
              </form>
              {% endif %}
            </td>
          </tr>
        {% endfor %}
      {% endfor %}"""  # noqa: E501

DECISIONS = """{% load i18n %}{% for council_proposal in council_proposals %}
    <li class="mb-2">{% translate "Raadsvoorstel" %} {{ council_proposal.case_number }}:
      {% for decision in council_proposal.decisions.all %}<a href="{{ decision.get_absolute_url }}">{{ decision }}</a>, {% empty %}{% translate "nog geen besluit vastgelegd" %} · {% endfor %}
      <a href="{% url 'proposals:decision-create' case_number=council_proposal.case_number %}">{% translate "Besluit vastleggen" %}<span class="visually-hidden"> – {{ council_proposal.case_number }}</span></a>
    </li>
  {% endfor %}"""  # noqa: E501

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=)"[^"]*"')


def without_token(html):
    return TOKEN.sub(r'\1""', str(html))


@pytest.fixture
def council_proposals():
    decided = CouncilProposal.objects.create(case_number="2200901", subject="Twee besluiten")
    for number, day in (("2024-01", 6), ("2024-02", 20)):
        Decision.objects.create(
            council_proposal=decided, meeting_on=datetime.date(2024, 2, day), number=number
        )
    CouncilProposal.objects.create(case_number="2200902", subject='Zorg & "welzijn" <Twente>')
    CouncilProposal.objects.create(case_number="ZK-2024", subject="Ander zaaknummer")
    found = list(CouncilProposal.objects.prefetch_related("decisions").order_by("case_number"))
    found[0].is_decided = True  # as services.with_decided annotates it
    for council_proposal in found:
        council_proposal.documents = [
            (kind, kind.label, export_blocked_reason(council_proposal, kind))
            for kind in COUNCIL_DOCUMENT_KINDS
        ]
    return found


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_rows_read_as_the_template_wrote_them(council_proposals, language):
    request = RequestFactory().get("/griffie/")
    with translation.override(language):
        context = Context(
            {
                "council_proposals": council_proposals,
                "document_kinds": COUNCIL_DOCUMENT_KINDS,
                "csrf_token": "token",
            }
        )
        expected = Template(DOCUMENTS).render(context)
        written = document_rows(request, council_proposals, COUNCIL_DOCUMENT_KINDS)
        assert without_token(written) == without_token(expected)
        assert "data-export-blocked" in written and "Zorg &amp; &quot;welzijn&quot;" in written
        expected = Template(DECISIONS).render(context)
        assert str(decision_items(council_proposals)) == expected
        assert "2024-02" in expected
