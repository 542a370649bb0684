import re

import django_filters
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField, ChoiceIterator

from core.memo import generation
from core.select import SearchableSelect
from networks.constants import NETWORK_SEARCH
from networks.models import Network, Theme
from partnercity.models import PartnerCity

from .choices import ids_in, with_published_events
from .constants import Place, place_choices
from .models import Event

OPTIONS = "agenda:event-filter-options"  # agenda/options.py
MONTH_VALUE = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$")


class MonthChoices(ChoiceIterator):
    """The months on offer as filter_choices gives them, (YYYY-MM, name) pairs already: not
    through normalize_choices, a few calls per month for the hundreds of months (issue 17)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        yield from self.choices

    def options_key(self):
        """What the options' HTML depends on (agenda_tags.flat_options_html keeps it per key)."""
        empty = None if self.field.empty_label is None else str(self.field.empty_label)
        null = None if self.field.null_label is None else str(self.field.null_label)
        return (empty, self.field.null_value, null, tuple(self.choices))


class MonthField(ChoiceField):
    """A month as YYYY-MM; the list offers the months with events, any real month is valid."""

    iterator = MonthChoices
    default_error_messages = {
        "invalid_choice": _("Kies een maand uit de lijst (jaar-maand, bijvoorbeeld 2027-03)."),
    }

    def __deepcopy__(self, memo):
        """The form's copy of the field shares the list of months, pairs of strings that nothing
        changes: ChoiceField deep-copied each of the hundreds of months for every form."""
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self.iterator(result, self._choices.choices)
        return result

    def valid_value(self, value):
        return bool(MONTH_VALUE.match(str(value)))


class MonthFilter(django_filters.ChoiceFilter):
    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        match = MONTH_VALUE.match(value)
        return qs.in_month(int(match["year"]), int(match["month"]))


class ReadAtOnce(ModelChoiceIterator):
    """The options in one query: Django reads them through QuerySet.iterator(), which opens a
    server-side cursor on PostgreSQL (declare, fetch, close: three round trips) for the dozen
    themes of the agenda's filter (issue 17)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


_names = {}  # (language, name) -> its translation, of core.memo's generation _names_of[0]
_names_of = [None]
MAX_NAMES = 10_000


def translated_name(name):
    """gettext(name), looked up once per language in a process (issue 17): the filter's
    networks and partner cities are some hundred options, and gettext goes through a dozen
    catalogues per text. Afresh when a setting or a catalogue changes (core.memo)."""
    if _names_of[0] != generation() or len(_names) > MAX_NAMES:
        _names.clear()
        _names_of[0] = generation()
    key = (get_language(), name)
    found = _names.get(key)
    if found is None:
        found = _names[key] = gettext(name)
    return found


class NameField(forms.ModelChoiceField):
    """A theme, network or partner city by its name in the visitor's language, where we have one
    (as the agenda's templates show it: agenda_tags.localized).

    `options`: the (value, name) of the records of its queryset, in its order, when they are
    known (agenda.choices.published_ids): then its select is written from them, without a query
    (offered_choices); its queryset still decides what is valid."""

    iterator = ReadAtOnce

    def __init__(self, *args, options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options

    def label_from_instance(self, obj):
        return translated_name(str(obj))

    def offered_choices(self, searchable=None):
        """The choices its select shows, as its iterator (or the searchable widget's
        limited_choices, for a select without a chosen value) gives them from the queryset."""
        options = self.options
        if searchable is not None:
            searchable.searching = len(options) > searchable.threshold
            options = options[: searchable.threshold]
        choices = [(value, translated_name(name)) for value, name in options]
        return choices if self.empty_label is None else [("", self.empty_label), *choices]


class NameFilter(django_filters.ModelChoiceFilter):
    field_class = NameField


# The options read with only what an option shows (its value and name, NameField), not a
# network's or partner city's descriptions.
def themes(request, ids=None):
    ids = with_published_events("themes") if ids is None else ids
    return Theme.objects.filter(ids_in(ids)).only("code", "name")


def networks(request, ids=None):
    ids = with_published_events("network") if ids is None else ids
    return Network.objects.public().filter(ids_in(ids)).only("slug", "name")


def partner_cities(request, ids=None):
    ids = with_published_events("partner_city") if ids is None else ids
    return PartnerCity.objects.filter(ids_in(ids)).only("slug", "name")


# Each filter over a related model: Event's field, and its options from the ids of the choices.
RELATED = {
    "theme": ("themes", themes),
    "network": ("network", networks),
    "partner_city": ("partner_city", partner_cities),
}


class EventFilter(django_filters.FilterSet):
    """The filters of the public agenda, its archive and its feeds (query parameters in English,
    so that a feed address reads the same in every language)."""

    month = MonthFilter(label=_("Maand"), empty_label=_("Alle maanden"))
    theme = NameFilter(
        label=_("Thema"),
        field_name="themes",
        to_field_name="code",
        queryset=themes,
        empty_label=_("Alle thema's"),
    )
    # Networks and partner cities grow with the data: searchable, their options from
    # agenda/options.py. Public ones with a published event only, whoever asks: the anonymous
    # page is served from the page cache, and its options endpoint shows what the public may see.
    network = NameFilter(
        label=_("Netwerk"),
        to_field_name="slug",
        queryset=networks,
        empty_label=_("Alle netwerken"),
        widget=SearchableSelect(OPTIONS, NETWORK_SEARCH),
    )
    partner_city = NameFilter(
        label=_("Partnerstad"),
        to_field_name="slug",
        queryset=partner_cities,
        empty_label=_("Alle partnersteden"),
        widget=SearchableSelect(OPTIONS, ("name",)),
    )
    where = django_filters.ChoiceFilter(
        label=_("Waar"),
        choices=Place.choices,
        method="filter_where",
        empty_label=_("Overal"),
    )

    class Meta:
        model = Event
        fields = ["month", "theme", "network", "partner_city", "where"]

    def __init__(self, *args, choices=None, **kwargs):
        """`choices`: what the filter offers, from agenda.choices.filter_choices; without them
        (the feeds) no months are offered, any month is taken."""
        super().__init__(*args, **kwargs)
        self.filters["where"].extra["choices"] = place_choices()
        if choices is None:
            self.filters["month"].extra["choices"] = []
            return
        self.filters["month"].extra["choices"] = choices["months"]
        options = choices.get("options", {})
        for name, (field, queryset) in RELATED.items():
            # The filter's own queryset (QuerySetRequestMixin.field puts it in `extra`), so that
            # its field does not ask for the ids again, which `choices` holds; and its options.
            self.filters[name].queryset = queryset(self.request, choices[field])
            self.filters[name].extra["options"] = options.get(field)

    def filter_where(self, queryset, name, value):
        return queryset.at_place(value)

    @property
    def active(self):
        """Say whether any filter is in use."""
        return self.is_bound and any(self.form.cleaned_data.get(name) for name in self.filters)

    def error_summary(self):
        """The field errors as one line, for the feeds' 400 answer."""
        return " ".join(
            f"{self.form.fields[name].label}: {' '.join(errors)}"
            for name, errors in self.form.errors.items()
        )
