"""crispy's field template, written in Python for the common field, writes what the template
writes (issue 17)."""

from contextlib import contextmanager

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import forms
from django.template import Context, Template, engines
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from core import loaders
from core.loaders import FieldTemplate


class Everything(forms.Form):
    required_css_class = "verplicht"

    name = forms.CharField(
        label="Naam <&>",
        max_length=10,
        help_text=mark_safe("Hoe de <b>organisatie</b> heet"),
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Zoeken")}),
    )
    email = forms.EmailField(required=False, help_text=gettext_lazy("Zoeken"))
    amount = forms.DecimalField(required=False, label=gettext_lazy("Zoeken"))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(required=False, disabled=True)
    secret = forms.CharField(required=False, widget=forms.PasswordInput)
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    hidden_required = forms.IntegerField(widget=forms.HiddenInput)
    agree = forms.BooleanField(help_text="Lees de voorwaarden")
    optional_agree = forms.BooleanField(required=False, label="")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "class": "tekst"}))
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A & B")], help_text="Soort")
    many = forms.MultipleChoiceField(choices=[("1", "een"), ("2", "twee")], required=False)
    maybe = forms.NullBooleanField(required=False)
    nameless = forms.CharField(required=False, label="")
    # the template's own: radio buttons, checkbox lists, files and multi-widgets
    choice = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    choices = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple, required=False
    )
    grouped = forms.ChoiceField(
        choices=[("Groep <1>", [("x", "X & Y"), ("y", 2024)]), ("z", "Z")],
        widget=forms.RadioSelect,
        help_text="Kies er een",
    )
    upload = forms.FileField(required=False)
    split = forms.SplitDateTimeField(required=False)

    def clean(self):
        self.add_error("name", "Nog een fout <over> de naam")
        return super().clean()


VALUES = [
    None,
    {},
    {
        "name": "Een veel te lange naam",
        "email": "geen adres",
        "amount": "x",
        "day": "2024-02-30",
        "agree": "on",
        "text": "<regel>",
        "kind": "b",
        "many": ["3"],
        "choice": "c",
        "choices": ["c"],
    },
    {
        "name": "Hengelo",
        "day": "2024-03-01",
        "agree": "on",
        "text": "t",
        "kind": "a",
        "grouped": "y",
    },
]
COMMON_LAYOUTS = [{}, {"form_show_errors": False}, {"form_class": "formulier"}]
LAYOUTS = [
    *COMMON_LAYOUTS,
    # written by the field template (with the choices in Python but for the last two)
    {"form_show_labels": False},
    {"form_class": "form-horizontal", "label_class": "col-2"},
    {"tag": "td"},
    {"wrapper_class": "smal"},
    {"error_text_inline": True},
    {"help_text_inline": True},
    {"form_class": "form-horizontal", "label_class": "col-2", "field_class": "col-10"},
]
# where the choices of radio buttons and checkbox lists are written in Python
CHOICES_LAYOUTS = LAYOUTS[:-2]


def crispy_template(name="bootstrap5/field.html"):
    """crispy-bootstrap5's template as the engine would load it without core.loaders."""
    template = get_template(name).template
    return Template(template.source, template.origin, template.name, template.engine)


@contextmanager
def crispy_templates():
    """Let the engine load crispy-bootstrap5's own templates, as without core.loaders."""
    engine = engines["django"].engine
    loader = engine.template_loaders[0]
    plain = {name: crispy_template(name) for name in loaders.WRITTEN}
    original = loader.get_template
    loader.get_template = lambda name, skip=None: plain.get(name) or original(name, skip=skip)
    try:
        yield
    finally:
        del loader.get_template


def make(data, auto_id="id_%s"):
    form = Everything(data, auto_id=auto_id) if data is not None else Everything(auto_id=auto_id)
    form.is_valid() if data is not None else None
    return form


def both(data, layout, auto_id="id_%s"):
    """Each field of the form as the template writes it and as the portal does."""
    template = crispy_template()
    written = []
    for form in (make(data, auto_id), make(data, auto_id)):
        fields = []
        for field in form:
            context = {"field": field, "form_show_errors": True, "form_show_labels": True}
            context.update(layout)
            # twice: crispy adds its classes to the widget, which the second time reads
            for _time in range(2):
                if not written:
                    with crispy_templates():
                        fields.append(template.render(Context(context)))
                else:
                    fields.append(get_template("bootstrap5/field.html").render(context))
        written.append(fields)
    return written


def test_the_engine_loads_the_field_template_in_python():
    assert isinstance(get_template("bootstrap5/field.html").template, FieldTemplate)
    assert not isinstance(crispy_template(), FieldTemplate)


@pytest.mark.parametrize("language", ["nl", "en", "de"])
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("data", VALUES)
def test_every_field_reads_as_the_template_writes_it(data, layout, language, monkeypatch):
    written = []
    write_field = loaders.write_field
    monkeypatch.setattr(
        loaders,
        "write_field",
        lambda field, context: written.append(field.name) or write_field(field, context),
    )
    choices = []
    write_choices = loaders.write_choices
    monkeypatch.setattr(
        loaders,
        "write_choices",
        lambda field, *args: choices.append(field.name) or write_choices(field, *args),
    )
    with translation.override(language):
        template, portal = both(data, layout)
    assert portal == template
    assert all(isinstance(html, SafeString) for html in portal)
    if layout in COMMON_LAYOUTS:
        assert {"name", "hidden", "agree", "text", "kind", "many"} <= set(written)
        assert not {"choice", "choices", "grouped", "upload", "split"} & set(written)
    else:
        assert not written
    if layout in CHOICES_LAYOUTS:
        assert set(choices) == {"choice", "choices", "grouped"}
    else:
        assert not choices
    if data and layout.get("form_show_errors", True):
        assert "Nog een fout &lt;over&gt; de naam" in "".join(portal)


def test_fields_without_ids_read_as_the_template_writes_them():
    template, portal = both({}, {}, auto_id=False)
    assert portal == template


@pytest.mark.parametrize("data", VALUES)
def test_a_whole_form_reads_as_the_template_writes_it(data):
    reference = make(data)
    with crispy_templates():
        expected = as_crispy_form(reference)
        expected_field = as_crispy_field(reference["kind"])
    form = make(data)
    assert as_crispy_form(form) == expected
    assert as_crispy_field(form["kind"]) == expected_field
    assert isinstance(as_crispy_field(form["kind"]), SafeString)


@pytest.mark.django_db
def test_model_choices_read_as_the_template_writes_them():
    from django.contrib.auth.models import Group

    Group.objects.create(name="Raad & <griffie>")

    class Groups(forms.Form):
        groups = forms.ModelMultipleChoiceField(
            Group.objects.order_by("pk"), widget=forms.CheckboxSelectMultiple
        )

    field = Groups({"groups": [str(Group.objects.first().pk)]})["groups"]
    context = {"field": field, "form_show_errors": True, "form_show_labels": True}
    with crispy_templates():
        expected = crispy_template().render(Context(context))
    assert get_template("bootstrap5/field.html").render(context) == expected
    assert "Raad &amp; &lt;griffie&gt;" in expected
