"""`get_FOO_display()` with each field's choice labels looked up once per language (issue 17).

Django's version builds a dict of every choice on each call and hashes every label on the way: a
label is a lazy translation, so each hash translates it. Some 300 calls per call with a dozen
choices, and a list page asks it for every row (the steps and decision points of the proposals'
cards, the themes' kinds). The labels of a field change only with the language and the
translation files, so they are kept per field and language in the process, until settings or
translations change (core.memo). `install()` (CoreConfig.ready) gives every model's default
`get_FOO_display` this lookup; a model's own `get_FOO_display` stays as it is.
"""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

from .memo import generation

_labels = {}  # (field, language) -> (generation, {choice value: label as a string})


def labels(field):
    """{value: label} of the field's choices in the current language."""
    key = (field, get_language())
    known = _labels.get(key)
    current = generation()
    if known is not None and known[0] == current:
        return known[1]
    found = {
        make_hashable(value): force_str(label, strings_only=True)
        for value, label in field.flatchoices
    }
    _labels[key] = (current, found)
    return found


def display(obj, field):
    """What Django's Model._get_FIELD_display answers, from the kept labels."""
    value = getattr(obj, field.attname)
    found = labels(field)
    try:
        label = found.get(value, value)
    except TypeError:  # an unhashable value (a list of a JSON field): as Django looks it up
        label = found.get(make_hashable(value), value)
    return force_str(label, strings_only=True)


def is_default_display(method):
    return isinstance(method, partialmethod) and method.func is Model._get_FIELD_display


def install():
    """Give every model's default get_FOO_display the kept labels."""
    for model in apps.get_models(include_auto_created=True):
        for name, method in list(vars(model).items()):
            if is_default_display(method):
                setattr(model, name, partialmethod(display, **method.keywords))
