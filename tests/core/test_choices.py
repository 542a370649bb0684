"""get_FOO_display() looks its labels up once per field and language (core/choices.py, issue 17)
and answers what Django's own method answers, for every model, language and value."""

from functools import partialmethod

import pytest
from django.apps import apps
from django.db.models import Model
from django.utils import translation

from core import choices, memo
from networks.models import Effort, Theme
from proposals.models import DecisionPoint, Proposal

LANGUAGES = ("nl", "de", "en", "nl")


def default_displays():
    """(model, method name, field) of every get_FOO_display that Django would have written."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for name, method in vars(model).items():
            if isinstance(method, partialmethod) and method.func in (
                choices.display,
                Model._get_FIELD_display,
            ):
                found.append((model, name, method.keywords["field"]))
    return found


def test_every_default_display_of_every_model_uses_the_kept_labels():
    displays = default_displays()
    assert len(displays) > 20
    for model, name, _field in displays:
        assert vars(model)[name].func is choices.display, (model, name)


def test_a_models_own_display_stays_its_own():
    assert "get_status_display" in vars(Proposal)
    assert not isinstance(vars(Proposal)["get_status_display"], partialmethod)
    assert not isinstance(vars(Effort)["get_lead_display"], partialmethod)


@pytest.mark.parametrize("model, name, field", default_displays(), ids=lambda value: str(value))
def test_every_choice_reads_as_djangos_display_in_every_language(model, name, field):
    values = [value for value, _label in field.flatchoices]
    values += ["geen-keuze", None, ""]
    for language in LANGUAGES:
        with translation.override(language):
            for value in values:
                obj = model()
                setattr(obj, field.attname, value)
                expected = Model._get_FIELD_display(obj, field)
                shown = getattr(obj, name)()
                assert shown == expected, (language, value)
                assert type(shown) is type(expected)


def test_the_labels_follow_the_language():
    theme = Theme(kind="extra")
    point = DecisionPoint(outcome="aangenomen")
    fields = Theme._meta.get_field("kind"), DecisionPoint._meta.get_field("outcome")
    shown = {}
    for language in LANGUAGES:
        with translation.override(language):
            shown[language] = theme.get_kind_display(), point.get_outcome_display()
            assert shown[language] == (
                Model._get_FIELD_display(theme, fields[0]),
                Model._get_FIELD_display(point, fields[1]),
            )
    assert shown["nl"] == ("Extra thema", "Aangenomen")
    assert shown["en"] != shown["nl"]
    assert shown["de"] != shown["nl"]


def test_the_labels_are_looked_up_once_per_language_until_translations_change(monkeypatch):
    field = Theme._meta.get_field("kind")
    theme = Theme(kind="extra")
    built = []
    real = type(field).flatchoices.fget

    def counted(self):
        if self is field:
            built.append(translation.get_language())
        return real(self)

    monkeypatch.setattr(type(field), "flatchoices", property(counted))
    memo.forget_all()
    with translation.override("de"):
        for _round in range(3):
            theme.get_kind_display()
    with translation.override("en"):
        theme.get_kind_display()
    assert built == ["de", "en"]
    memo.forget_all()  # a changed setting or translation file
    with translation.override("de"):
        theme.get_kind_display()
    assert built == ["de", "en", "de"]
