"""The portal's form renderer writes what Django's widget templates write (issue 17)."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.renderers import PortalFormRenderer, shown


class Everything(forms.Form):
    name = forms.CharField(
        label="Naam",
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Zoeken"), "data-x": '"<&>'}),
    )
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}))
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False)
    amount = forms.DecimalField(required=False)
    count = forms.IntegerField(required=False, widget=forms.NumberInput(attrs={"min": 0}))
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(required=False)
    time = forms.TimeField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(
        choices=[("", "---------"), ("a", "A & B"), ("b", mark_safe("<b>B</b>")), (3, 2024)],
        required=False,
    )
    grouped = forms.ChoiceField(
        choices=[("Groep <1>", [("x", "X"), ("y", "Y")]), ("z", "Z"), ("", [("q", "Q")])],
        required=False,
    )
    many = forms.MultipleChoiceField(
        choices=[("1", "een"), ("2", "twee"), ("3", gettext_lazy("Zoeken"))], required=False
    )
    maybe = forms.NullBooleanField(required=False)
    disabled = forms.ChoiceField(choices=[("a", "A")], disabled=True, required=False)
    years = forms.TypedChoiceField(choices=[(2024, 2024), (12345, 12345)], coerce=int)


VALUES = [
    {},
    {
        "name": 'Tom "the" <b>&</b>',
        "search": "a b",
        "email": "x@example.org",
        "amount": "1234.50",
        "count": "12345",
        "day": "2024-03-01",
        "moment": "2024-03-01 12:00",
        "time": "12:30",
        "secret": "<geheim>",
        "hidden": "&",
        "agree": "on",
        "text": "regel 1\n<regel 2>",
        "kind": "a",
        "grouped": "y",
        "many": ["1", "3"],
        "maybe": "true",
        "years": "12345",
    },
    {"kind": "b", "grouped": "q", "many": ["2"], "maybe": "false", "text": "", "amount": "x"},
]
INITIAL = {
    "amount": Decimal("12345.67"),
    "count": 12345,
    "day": datetime.date(2024, 1, 2),
    "moment": datetime.datetime(2024, 1, 2, 3, 4),
    "kind": 3,
    "years": 2024,
}


def rendered(form, renderer):
    form.renderer = renderer
    return [str(bound) for bound in form]


@pytest.mark.parametrize("language", ["nl", "en", "de"])
@pytest.mark.parametrize("data", VALUES)
def test_the_widgets_read_as_djangos_templates_write_them(data, language):
    with translation.override(language):
        for bound in (True, False):
            make = (lambda: Everything(data)) if bound else (lambda: Everything(initial=INITIAL))
            django = rendered(make(), DjangoTemplates())
            portal = rendered(make(), PortalFormRenderer())
            assert portal == django
            assert "<option" in "".join(portal)


def test_the_portal_renders_its_forms_with_it():
    renderer = get_default_renderer()
    assert isinstance(renderer, PortalFormRenderer)
    assert renderer.writes_in_python


def test_a_callable_attribute_goes_to_the_template():
    class Odd(forms.Form):
        kind = forms.ChoiceField(
            choices=[("a", "A")], widget=forms.Select(attrs={"data-x": lambda: "called"})
        )

    assert rendered(Odd(), PortalFormRenderer()) == rendered(Odd(), DjangoTemplates())
    assert 'data-x="called"' in rendered(Odd(), PortalFormRenderer())[0]


@pytest.mark.parametrize("grouping", [False, True])
@pytest.mark.parametrize("value", [0, 7, -1234, 1234567, True, 12.5])
def test_a_value_is_shown_as_a_template_shows_it(settings, value, grouping):
    settings.USE_THOUSAND_SEPARATOR = grouping
    for language in ("nl", "de", "en"):
        with translation.override(language):
            expected = Template("{{ value }}").render(Context({"value": value}))
            assert shown(value) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("to_field_name", [None, "name"])
def test_model_choices_read_as_djangos_templates_write_them(to_field_name):
    """A model choice's value (ModelChoiceIteratorValue: a pk, or a text to escape)."""
    from django.contrib.auth.models import Group

    first = Group.objects.create(name='A & "B" <c>')
    Group.objects.create(name="gewoon")

    class Choices(forms.Form):
        group = forms.ModelChoiceField(Group.objects.order_by("name"), to_field_name=to_field_name)
        groups = forms.ModelMultipleChoiceField(
            Group.objects.order_by("name"), to_field_name=to_field_name, required=False
        )

    value = getattr(first, to_field_name or "pk")
    for make in (
        Choices,
        lambda: Choices({"group": value, "groups": [value]}),
        lambda: Choices(initial={"group": first}),
    ):
        portal = rendered(make(), PortalFormRenderer())
        assert portal == rendered(make(), DjangoTemplates())
        assert "&amp; &quot;B&quot; &lt;c&gt;" in portal[0]
