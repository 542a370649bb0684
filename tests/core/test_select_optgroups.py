"""A searchable select writes its options' dicts itself (issue 17): the same as Django's
ChoiceWidget.optgroups would make of the same choices, selected state included."""

import pytest
from django import forms
from django.forms.widgets import ChoiceWidget

from core.select import THRESHOLD, SearchableSelect, SearchableSelectMultiple
from networks.models import Network
from tests.budget.test_searchable_selects import add_networks

pytestmark = pytest.mark.django_db


def field_with(widget, to_field_name=None, empty_label="Alle netwerken"):
    kwargs = {"empty_label": empty_label} if widget is SearchableSelect else {}
    field_class = (
        forms.ModelChoiceField if widget is SearchableSelect else forms.ModelMultipleChoiceField
    )
    return field_class(
        queryset=Network.objects.order_by("name"),
        to_field_name=to_field_name,
        widget=widget("networks:effort-filter-options", ("name",)),
        **kwargs,
    )


def djangos(widget, name, value):
    """What Django's own optgroups makes of the same limited choices."""
    original = widget.choices
    widget.choices = widget.limited_choices(value)
    try:
        return ChoiceWidget.optgroups(widget, name, value)
    finally:
        widget.choices = original


def plain(groups):
    """The groups with each option's value as the string the page writes."""
    return [
        (name, [dict(option, value=str(option["value"])) for option in options], index)
        for name, options, index in groups
    ]


@pytest.mark.parametrize("count", [3, THRESHOLD + 5])
@pytest.mark.parametrize("widget", [SearchableSelect, SearchableSelectMultiple])
@pytest.mark.parametrize("to_field_name", [None, "slug"])
def test_the_options_are_those_of_djangos_optgroups(hengelo, count, widget, to_field_name):
    networks = add_networks(count)
    key = (
        (lambda n: n.slug)
        if to_field_name
        else (lambda n: str(Network.objects.get(slug=n.slug).pk))
    )
    first, last = key(networks[0]), key(networks[-1])
    field = field_with(widget, to_field_name)
    for value in ([], [""], [first], [last], [first, last], [last, last], ["bestaat-niet"]):
        ours = field.widget.optgroups("netwerk", value)
        assert ours and all(len(options) == 1 for _name, options, _index in ours)
        assert plain(ours) == plain(djangos(field.widget, "netwerk", value))
        selected = [o["value"] for _n, options, _i in ours for o in options if o["selected"]]
        assert {str(v) for v in selected} <= set(value)
        if set(value) & {first, last}:
            assert selected


def test_a_widget_with_options_of_its_own_gets_djangos(hengelo):
    class OwnOptions(SearchableSelect):
        def create_option(self, *args, **kwargs):
            option = super().create_option(*args, **kwargs)
            option["attrs"]["data-eigen"] = "ja"
            return option

    add_networks(3)
    field = forms.ModelChoiceField(
        queryset=Network.objects.order_by("name"),
        widget=OwnOptions("networks:effort-filter-options", ("name",)),
    )
    groups = field.widget.optgroups("netwerk", [])
    assert all(o["attrs"] == {"data-eigen": "ja"} for _n, options, _i in groups for o in options)
