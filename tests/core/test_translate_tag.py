"""{% translate "a quoted text" %} is looked up once per language (core/translate_tag.py, issue 17)
and gives what Django's own tag gives, in every language and form."""

import pytest
from django.template import Context, Engine, Template
from django.templatetags import i18n
from django.test import override_settings
from django.utils import translation

from core import translate_tag

FORMS = [
    '{% translate "Zoeken" %}',
    "{% translate 'Inspanningen' %}",
    '{% trans "Direct naar de inhoud" %}',
    '{% translate "Zoeken" as label %}[{{ label }}]',
    '{% translate "50% <b>vet</b> & meer" %}',
    '{% autoescape off %}{% translate "a < b" %}{% endautoescape %}',
    '{% translate "Zoeken"|upper %}',
    '{% translate "Mei" context "maand" %}',
    '{% translate "Zoeken" noop %}',
    "{% translate text %}",
    "{% translate text as label %}{{ label|lower }}",
]


def djangos(source, monkeypatch):
    """The same template with Django's own tag."""
    with monkeypatch.context() as patch:
        patch.setitem(i18n.register.tags, "translate", i18n.do_translate)
        patch.setitem(i18n.register.tags, "trans", i18n.do_translate)
        engine = Engine(libraries={"i18n": "django.templatetags.i18n"})
        template = engine.from_string("{% load i18n %}" + source)
    assert not any(isinstance(node, translate_tag.TranslateNode) for node in template.nodelist)
    return template


def ours(source):
    return Template("{% load i18n %}" + source)


def test_the_portals_templates_load_the_cached_tag():
    template = ours('{% translate "Zoeken" %}')
    assert isinstance(template.nodelist[-1], translate_tag.TranslateNode)
    assert template.nodelist[-1].constant
    assert not ours("{% translate text %}").nodelist[-1].constant


@pytest.mark.parametrize("source", FORMS)
def test_every_form_gives_what_djangos_tag_gives_in_every_language(source, monkeypatch):
    template, reference = ours(source), djangos(source, monkeypatch)
    for language in ("nl", "de", "en", "nl", "de"):
        with translation.override(language):
            for text in ("Inspanningen", "Zoeken"):
                context = {"text": text}
                assert template.render(Context(context)) == reference.render(Context(context)), (
                    language,
                    text,
                )


def test_each_language_gets_its_own_translation():
    template = ours('{% translate "Inspanningen" %}')
    rendered = {}
    for language in ("nl", "de", "en", "nl", "de"):
        with translation.override(language):
            rendered.setdefault(language, set()).add(template.render(Context()))
    assert rendered == {"nl": {"Inspanningen"}, "de": {"Vorhaben"}, "en": {"Efforts"}}


def test_as_sets_the_variable_of_each_rendering():
    template = ours('{% translate "Zoeken" as label %}{{ label }}-{{ other }}')
    assert template.render(Context({"other": 1})) == "Zoeken-1"
    assert template.render(Context({"other": 2})) == "Zoeken-2"


def test_a_changed_setting_looks_it_up_afresh():
    template = ours('{% translate "Inspanningen" %}')
    with translation.override("de"):
        assert template.render(Context()) == "Vorhaben"
    with override_settings(LOCALE_PATHS=[]), translation.override("de"):
        # Without the portal's catalogue the German text is gone: looked up afresh.
        assert template.render(Context()) == "Inspanningen"
    with translation.override("de"):
        assert template.render(Context()) == "Vorhaben"
