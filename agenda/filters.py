import re

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField

from core.constants import Visibility
from core.select import SearchableSelect
from networks.models import Network, Theme
from partnercity.models import PartnerCity

from .constants import DatePrecision, Place, place_choices
from .models import Event

OPTIONS = "agenda:event-filter-options"  # agenda/options.py
MONTH_VALUE = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$")


class MonthField(ChoiceField):
    """A month as YYYY-MM; the list offers the months with events, any real month is valid."""

    default_error_messages = {
        "invalid_choice": _("Kies een maand uit de lijst (jaar-maand, bijvoorbeeld 2027-03)."),
    }

    def valid_value(self, value):
        return bool(MONTH_VALUE.match(str(value)))


class MonthFilter(django_filters.ChoiceFilter):
    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        match = MONTH_VALUE.match(value)
        return qs.in_month(int(match["year"]), int(match["month"]))


class NameField(forms.ModelChoiceField):
    """A theme, network or partner city by its name in the visitor's language, where we have one
    (as the agenda's templates show it: agenda_tags.localized)."""

    def label_from_instance(self, obj):
        return gettext(str(obj))


class NameFilter(django_filters.ModelChoiceFilter):
    field_class = NameField


def published_events(field):
    return Exists(Event.objects.filter(visibility=Visibility.PUBLIC, **{field: OuterRef("pk")}))


class EventFilter(django_filters.FilterSet):
    """The filters of the public agenda, its archive and its feeds (query parameters in English,
    so that a feed address reads the same in every language)."""

    month = MonthFilter(label=_("Maand"), empty_label=_("Alle maanden"))
    theme = NameFilter(
        label=_("Thema"),
        field_name="themes",
        to_field_name="code",
        queryset=Theme.objects.filter(published_events("themes")),
        empty_label=_("Alle thema's"),
    )
    # Networks and partner cities grow with the data: searchable, their options from
    # agenda/options.py. Public ones with a published event only, whoever asks: the anonymous
    # page is served from the page cache, and its options endpoint shows what the public may see.
    network = NameFilter(
        label=_("Netwerk"),
        to_field_name="slug",
        queryset=Network.objects.public().filter(published_events("network")),
        empty_label=_("Alle netwerken"),
        widget=SearchableSelect(OPTIONS, ("name", "full_name")),
    )
    partner_city = NameFilter(
        label=_("Partnerstad"),
        to_field_name="slug",
        queryset=PartnerCity.objects.filter(published_events("partner_city")),
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

    def __init__(self, *args, months_from=None, newest_first=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = self.month_choices(months_from, newest_first)
        self.filters["month"].extra["choices"] = choices
        self.filters["where"].extra["choices"] = place_choices()

    @staticmethod
    def month_choices(queryset, newest_first=False):
        """The months in which the listed events start, as (YYYY-MM, 'maart 2027')."""
        if queryset is None:
            return []
        months = (
            queryset.exclude(date_precision=DatePrecision.YEAR)
            .order_by()
            .datetimes("starts_at", "month", order="DESC" if newest_first else "ASC")
        )
        return [
            (month.strftime("%Y-%m"), formats.date_format(month, "YEAR_MONTH_FORMAT"))
            for month in months
        ]

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
