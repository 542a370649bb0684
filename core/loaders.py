"""The template loader: crispy-bootstrap5's field template, with common fields written in Python.

crispy renders every field of a form through `bootstrap5/field.html`, which includes the help
text and error templates and runs some thirty `{% if %}`s: about 1,500 Python calls a field, most
of a form page's cost at 100x (issue 17). `FieldTemplate` writes the same HTML for the common
field (a text, select, textarea or checkbox field, hidden or not, with its label, help text and
errors) with a few string operations, and renders the template for anything else: a horizontal
or inline layout, a `tag`, wrapper or label class, radio buttons, checkbox lists, files and
multi-widgets. The options of radio buttons and checkbox lists
(`layout/radio_checkbox_select.html`, some 300 calls an option: a contact's 1,000 networks at
100x cost its form page 570,000 calls) are written in Python the same way by `ChoicesTemplate`.
Each replaces the template only where the engine loads crispy-bootstrap5's own file
(a `templates/bootstrap5/field.html` of the project's would be loaded as it is).
`tests/core/test_loaders.py` compares them with the templates on every kind of field.
"""

from pathlib import Path

import crispy_bootstrap5
from crispy_forms.templatetags.crispy_forms_filters import optgroups
from django import forms
from django.conf import settings
from django.forms.models import ModelChoiceIteratorValue
from django.template import Template
from django.template.loaders import cached
from django.utils import formats
from django.utils.safestring import mark_safe

from core.renderers import attributes, plain, shown

TEMPLATES = Path(crispy_bootstrap5.__file__).parent.resolve() / "templates"
# the layout options that make the template write something else than the common field
LAYOUT_OPTIONS = (
    "tag",
    "label_class",
    "field_class",
    "wrapper_class",
    "help_text_inline",
    "error_text_inline",
    "bootstrap_checkbox_offsets",
)
# the options that make the choices template write something else
CHOICES_OPTIONS = ("field_class", "flat_attrs", "inline_class", "help_text_inline")
UNCOMMON_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.FileInput)


def is_common(field, context):
    """Say whether `write_field` writes what the template would for this field and layout."""
    if not isinstance(field, forms.BoundField) or not context.get("form_show_labels"):
        return False
    if any(context.get(name) for name in LAYOUT_OPTIONS):
        return False
    form_class = context.get("form_class")
    if form_class and not (isinstance(form_class, str) and "form-horizontal" not in form_class):
        return False
    widget = field.field.widget
    return not (
        isinstance(widget, UNCOMMON_WIDGETS)
        or hasattr(widget, "widgets")
        or hasattr(widget, "widget")
        or field.use_fieldset
        or not field.auto_id
    )


def widget_html(field, css_classes):
    """`{% crispy_field field 'class' css_classes %}`: crispy's classes added to the widget."""
    widget = field.field.widget
    class_name = widget.__class__.__name__.lower()
    class_name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(class_name, class_name)
    css_class = widget.attrs.get("class", "")
    if css_class:
        if css_class.find(class_name) == -1:
            css_class += f" {class_name}"
    else:
        css_class = class_name
    for name in css_classes.split():
        if name not in css_class.split():
            css_class += f" {name}"
    widget.attrs["class"] = css_class
    return str(field)


def errors_block(field, show_errors):
    """layout/field_errors_block.html."""
    errors = field.errors if show_errors else None
    if not errors:
        return "\n"
    auto_id = shown(field.auto_id)
    paragraphs = "".join(
        f'\n        <p id="error_{number}_{auto_id}"><strong>{shown(error)}</strong></p>\n    '
        for number, error in enumerate(errors, start=1)
    )
    return (
        f'\n    <div id="{shown(errors.field_id)}_error" class="invalid-feedback">\n    '
        f"{paragraphs}\n    </div>\n\n"
    )


def help_text(field):
    """layout/help_text.html (the help text in a block)."""
    if not field.help_text:
        return "\n"
    id_html = f'id="{shown(field.auto_id)}_helptext" ' if field.auto_id else ""
    return f'\n    \n        <div {id_html}class="form-text">{field.help_text}</div>\n    \n\n'


def help_text_and_errors(field, show_errors):
    """layout/help_text_and_errors.html."""
    return f"\n\n\n    {errors_block(field, show_errors)}\n\n\n\n    {help_text(field)}\n\n"


def required_mark(field):
    return '<span class="asteriskField">*</span>' if field.field.required else ""


def write_field(field, context):
    """bootstrap5/field.html for a common field (see `is_common`)."""
    if field.is_hidden:
        return f"\n\n\n    {shown(field)}\n\n"
    is_checkbox = isinstance(field.field.widget, forms.CheckboxInput)
    show_errors = context.get("form_show_errors")
    invalid = " is-invalid" if field.errors else ""
    required = " requiredField" if field.field.required else ""
    css_classes = field.css_classes()
    wrapper_classes = f" {shown(css_classes)}" if css_classes else ""
    if is_checkbox:
        opening = '\n        <div class="mb-3">\n        \n    '
        wrapper = f'\n    <div id="div_{shown(field.auto_id)}" class="form-check{wrapper_classes}">'
        label = ""
        body = (
            f"\n                    \n                        "
            f"{widget_html(field, f'form-check-input{invalid}')}\n                    "
            f'\n                <label for="{shown(field.id_for_label)}" '
            f'class="form-check-label{required}">\n                    '
            f"{shown(field.label)}{required_mark(field)}"
            "\n                </label>\n                "
            f"{help_text_and_errors(field, show_errors)}\n            "
        )
        closing = "\n        \n        </div>\n    "
    else:
        opening = ""
        wrapper = f'\n    <div id="div_{shown(field.auto_id)}" class="mb-3{wrapper_classes}">'
        if field.label:
            label_for = f'for="{shown(field.id_for_label)}"' if field.id_for_label else ""
            label = (
                f"\n            \n            <label\n                {label_for} "
                f'class="form-label{required}">\n                '
                f"{shown(field.label)}{required_mark(field)}\n            </label>\n        "
            )
        else:
            label = ""
        if isinstance(field.field.widget, forms.Select):
            control = (
                f"\n                        \n                            "
                f"{widget_html(field, f'form-select{invalid}')}\n                        "
                "\n                    "
            )
        else:
            control = (
                f"\n                        {widget_html(field, f'form-control{invalid}')}"
                "\n                    "
            )
        body = (
            f"\n                \n                    {control}\n                    "
            f"\n                        {help_text_and_errors(field, show_errors)}"
            "\n                    \n                \n            "
        )
        closing = ""
    return (
        f"\n\n\n    {opening}{wrapper}\n        {label}\n\n        \n\n        "
        f"\n            {body}\n        \n        \n    </div>\n    {closing}\n\n"
    )


def unlocalized(value):
    """`{{ value|unlocalize }}` in a template."""
    if type(value) is str:
        return shown(value)  # a string is its own unlocalized form
    if type(value) is ModelChoiceIteratorValue:
        return shown(str(value))  # not a number or a date: localize returns it as it is
    return shown(str(formats.localize(value, use_l10n=False)))


def write_choices(field, groups, context):
    """layout/radio_checkbox_select.html: the options of radio buttons or a checkbox list."""
    invalid = " is-invalid" if field.errors else ""
    name = shown(field.html_name)
    parts = ["\n\n\n<div >\n\n    "]
    for group_number, (group, options, _index) in enumerate(groups, start=1):
        parts.append(f"\n    <strong>{shown(group)}</strong>\n    " if group else "\n    \n    ")
        for number, option in enumerate(options, start=1):
            last = number == len(options) and group_number == len(groups)
            errors = (
                f"\n            {errors_block(field, context.get('form_show_errors'))}\n        "
                if field.errors and last
                else ""
            )
            option_id = shown(option["attrs"]["id"]) if "id" in option["attrs"] else ""
            parts.append(
                f'\n      <div class="form-check">\n        <input type="{shown(option["type"])}" '
                f'class="form-check-input{invalid}"  name="{name}" '
                f'value="{unlocalized(option["value"])}" {attributes(option["attrs"])}>'
                f'\n        <label for="{option_id}" '
                f'class="form-check-label">\n            {unlocalized(option["label"])}'
                f"\n        </label>\n        {errors}\n     </div>\n    "
            )
        parts.append("\n    ")
    parts.append(f"\n\n</div>\n\n{help_text(field)}\n")
    return "".join(parts)


class ChoicesTemplate(Template):
    """bootstrap5/layout/radio_checkbox_select.html, written in Python without layout options."""

    def _render(self, context):
        field = context.get("field")
        if isinstance(field, forms.BoundField) and not any(
            context.get(name) for name in CHOICES_OPTIONS
        ):
            groups = optgroups(field)
            if all(
                plain(option["attrs"])
                and not callable(option["value"])
                and not callable(option["label"])
                for _group, options, _index in groups
                for option in options
            ):
                return mark_safe(write_choices(field, groups, context))
        return super()._render(context)


class FieldTemplate(Template):
    """bootstrap5/field.html, written in Python for a common field."""

    def _render(self, context):
        field = context.get("field")
        if is_common(field, context):
            return mark_safe(write_field(field, context))
        return super()._render(context)


WRITTEN = {
    "bootstrap5/field.html": FieldTemplate,
    "bootstrap5/layout/radio_checkbox_select.html": ChoicesTemplate,
}


class Loader(cached.Loader):
    """Django's cached loader, which keeps crispy-bootstrap5's field template as a
    `FieldTemplate`."""

    def get_template(self, template_name, skip=None):
        template = super().get_template(template_name, skip=skip)
        written = WRITTEN.get(template_name)
        if (
            written is not None
            and type(template) is Template
            and Path(template.origin.name).resolve() == TEMPLATES / template_name
        ):
            template = written(template.source, template.origin, template.name, self.engine)
            self.get_template_cache[self.cache_key(template_name, skip)] = template
        return template
