"""The registry's tabs written in Python (contacts/templatetags/contacts_nav.py, issue 17) read
as templates/contacts/_nav.html wrote them, for every role, tab and language."""

import pytest
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.utils import translation

from core.constants import Role

pytestmark = pytest.mark.django_db

# The template before the tabs were written in Python.
OLD_NAV = '{% load i18n %}{% url \'contacts:organisation-list\' as org_url %}{% url \'contacts:person-list\' as person_url %}{% url \'contacts:interaction-list\' as interaction_url %}{% url \'contacts:follow-up-list\' as follow_url %}{% url \'contacts:opportunity-list\' as opp_url %}{% url \'contacts:expertise-list\' as exp_url %}{% url \'contacts:review-list\' as review_url %}{% url \'contacts:access-log\' as log_url %}{% url \'contacts:erasure-list\' as erasure_url %}\n<nav class="mb-3 no-print" aria-label="{% translate \'Contactregister\' %}">\n  <ul class="nav nav-tabs flex-wrap">\n    <li class="nav-item"><a class="nav-link{% if active == \'organisations\' %} active" aria-current="page{% endif %}" href="{{ org_url }}">{% if user.is_authenticated %}{% translate "Organisaties" %}{% else %}{% translate "Partners" %}{% endif %}</a></li>\n    {% if perms.contacts.view_person %}<li class="nav-item"><a class="nav-link{% if active == \'people\' %} active" aria-current="page{% endif %}" href="{{ person_url }}">{% translate "Personen" %}</a></li>{% endif %}\n    {% if perms.contacts.view_interaction %}<li class="nav-item"><a class="nav-link{% if active == \'interactions\' %} active" aria-current="page{% endif %}" href="{{ interaction_url }}">{% translate "Contactmomenten" %}</a></li>\n    <li class="nav-item"><a class="nav-link{% if active == \'follow-ups\' %} active" aria-current="page{% endif %}" href="{{ follow_url }}">{% translate "Mijn opvolging" %}</a></li>{% endif %}\n    {% if perms.contacts.view_opportunity %}<li class="nav-item"><a class="nav-link{% if active == \'opportunities\' %} active" aria-current="page{% endif %}" href="{{ opp_url }}">{% translate "Kansen en vragen" %}</a></li>{% endif %}\n    <li class="nav-item"><a class="nav-link{% if active == \'expertise\' %} active" aria-current="page{% endif %}" href="{{ exp_url }}">{% translate "EU-subsidie-expertise" %}</a></li>\n    {% if perms.contacts.view_person %}<li class="nav-item"><a class="nav-link{% if active == \'review\' %} active" aria-current="page{% endif %}" href="{{ review_url }}">{% translate "Herbeoordeling" %}</a></li>{% endif %}\n    {% if perms.contacts.view_accesslog %}<li class="nav-item"><a class="nav-link{% if active == \'access-log\' %} active" aria-current="page{% endif %}" href="{{ log_url }}">{% translate "Inzagelog" %}</a></li>{% endif %}\n    {% if perms.contacts.view_erasurerecord %}<li class="nav-item"><a class="nav-link{% if active == \'erasures\' %} active" aria-current="page{% endif %}" href="{{ erasure_url }}">{% translate "Wissingen" %}</a></li>{% endif %}\n  </ul>\n</nav>\n'  # noqa: E501

ACTIVE = [None, "", "organisations", "people", "interactions", "follow-ups", "opportunities"]
ACTIVE += ["expertise", "review", "access-log", "erasures"]


@pytest.mark.parametrize("language", ["nl", "de", "en"])
def test_the_tabs_read_as_the_template_wrote_them(make_user, django_user_model, language):
    users = [AnonymousUser(), django_user_model.objects.create_superuser("beheer")]
    users += [make_user(f"gebruiker-{role}", role) for role in Role.values]
    with translation.override(language):
        for user in users:
            for active in ACTIVE:
                context = {"user": user, "perms": PermWrapper(user)}
                if active is not None:
                    context["active"] = active
                expected = Template(OLD_NAV).render(Context(context))
                written = Template("{% load contacts_nav %}{% contacts_nav %}\n").render(
                    Context(context)
                )
                assert written == expected, (user, active)
