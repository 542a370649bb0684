"""The form renderer: Django's widget templates, with the commonest ones written in Python.

A select renders Django's `select.html`, then `select_option.html` and `attrs.html` for every
option through the template engine: some 500 Python calls per option, so a filter form with a
few fifty-option selects cost more than the rest of its page (issue 17). `PortalFormRenderer`
writes the same markup for the select, its options and the input and textarea widgets with a
few string operations, and leaves every other template to Django's engine. It writes them only
while the engine would load Django's own files (no app overrides them); otherwise, and for a
widget whose context holds something the templates would treat differently (a callable), it
renders the template. `tests/core/test_renderers.py` compares the two on every kind of value.
"""

import html
from pathlib import Path

import django.forms
from django.conf import settings
from django.forms.models import ModelChoiceIteratorValue
from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString

WIDGETS = "django/forms/widgets/"
DJANGO_FORMS = str(Path(django.forms.__file__).parent / "templates")
OWN_TEMPLATES = ("attrs", "input", "select", "select_option", "textarea")
INPUTS = (
    "checkbox color date datetime email file hidden number password search tel text time url"
).split()


class _Context:
    """What render_value_in_context reads of the context a form template renders in."""

    autoescape = True
    use_l10n = None
    use_tz = None


CONTEXT = _Context()


def shown(value):
    """`{{ value }}` in a template."""
    if type(value) is str:
        return SafeString(html.escape(value))  # what the template does with a plain string
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)  # what localize() makes of it without grouping (a count per row)
    return render_value_in_context(value, CONTEXT)


def as_string(value):
    """`{{ value|stringformat:'s' }}` in a template."""
    if type(value) is ModelChoiceIteratorValue:
        value = value.value  # what its __str__ writes: a model choice's pk or to_field value
    if type(value) is str:
        return SafeString(html.escape(value))  # as conditional_escape does
    if type(value) is int:
        return str(value)  # digits and a sign: nothing to escape
    if isinstance(value, tuple):
        value = str(value)
    text = "%s" % value  # noqa: UP031 (stringformat's own operation)
    return text if isinstance(value, SafeData) else conditional_escape(text)


def attributes(attrs):
    """attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {shown(name)}")
        else:
            parts.append(f' {shown(name)}="{as_string(value)}"')
    return "".join(parts)


def plain(attrs):
    """Say whether the templates would read these attributes as they are (no callables)."""
    return not any(callable(value) for value in attrs.values())


def write_input(widget):
    value = widget["value"]
    value_html = f' value="{as_string(value)}"' if value is not None else ""
    return (
        f'<input type="{shown(widget["type"])}" name="{shown(widget["name"])}"'
        f"{value_html}{attributes(widget['attrs'])}>"
    )


def write_textarea(widget):
    value = widget["value"]
    return (
        f'<textarea name="{shown(widget["name"])}"{attributes(widget["attrs"])}>\n'
        f"{shown(value) if value else ''}</textarea>"
    )


def write_select(widget):
    parts = [f'<select name="{shown(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{shown(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{as_string(option["value"])}"'
                f"{attributes(option['attrs'])}>{shown(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def select_is_plain(widget):
    return plain(widget["attrs"]) and all(
        option["template_name"] == f"{WIDGETS}select_option.html"
        and plain(option["attrs"])
        and not callable(option["value"])
        and not callable(option["label"])
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


def input_is_plain(widget):
    return plain(widget["attrs"]) and not callable(widget["value"])


WRITERS = {
    f"{WIDGETS}select.html": (write_select, select_is_plain),
    f"{WIDGETS}textarea.html": (write_textarea, input_is_plain),
    **{f"{WIDGETS}{name}.html": (write_input, input_is_plain) for name in INPUTS},
}


class PortalFormRenderer(DjangoTemplates):
    """Django's renderer, with the select, input and textarea widgets written in Python."""

    @cached_property
    def writes_in_python(self):
        """Say whether the engine loads Django's own widget templates (no app overrides one)."""
        return all(
            self.get_template(f"{WIDGETS}{name}.html").template.origin.name.startswith(DJANGO_FORMS)
            for name in (*OWN_TEMPLATES, *INPUTS)
        )

    def render(self, template_name, context, request=None):
        writer = WRITERS.get(template_name)
        if writer is not None and self.writes_in_python:
            write, is_plain = writer
            widget = context.get("widget")
            if widget is not None and is_plain(widget):
                return write(widget).strip()
        return super().render(template_name, context, request=request)
