"""The agenda's month filter offers hundreds of months (issue 17): the form shares the list of
months instead of copying each one, and filter_select writes their options once per months and
language, the chosen one marked in them. The same HTML as Django's select writes."""

import copy

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from agenda.choices import filter_choices
from agenda.filters import EventFilter
from agenda.models import Event
from agenda.templatetags import agenda_tags
from agenda.templatetags.agenda_tags import filter_select

pytestmark = pytest.mark.django_db

MONTHS = [(f"{2020 + n // 12}-{n % 12 + 1:02}", f"maand {n}") for n in range(40)]
ODD = [*MONTHS, ("2031-01", 'jan "<&>" \'31'), ("2020-01", "twice")]


def filterset(rf, months, data=None):
    request = rf.get(reverse("agenda:event-list"))
    request.user = AnonymousUser()
    choices = dict(filter_choices(None), months=months)
    found = EventFilter(data, queryset=Event.objects.all(), choices=choices, request=request)
    if data is not None:
        found.is_valid()
    return found


def as_django_writes_it(field, months):
    """The month select as Django's own Select (its choices normalized) renders it."""
    attrs = {"class": "form-select is-invalid" if field.errors else "form-select"}
    if field.errors:
        attrs.update({"aria-invalid": "true", "aria-describedby": f"{field.id_for_label}-fout"})
    attrs = field.build_widget_attrs(attrs)
    attrs.setdefault("id", field.auto_id)
    select = forms.Select(choices=[("", str(field.field.empty_label)), *months])
    return select.render(field.html_name, field.value(), attrs)


@pytest.mark.parametrize("language", ["nl", "de", "en"])
def test_the_month_select_is_written_as_django_writes_it(rf, language):
    with translation.override(language):
        for months in (MONTHS, ODD, []):
            for data in (
                None,
                {},
                {"month": "2020-01"},  # the first of two with this value
                {"month": "2022-04"},
                {"month": "2031-01"},
                {"month": "2035-05"},  # a real month not on offer
                {"month": "1999-13"},  # refused
            ):
                field = filterset(rf, months, data).form["month"]
                assert filter_select(field) == as_django_writes_it(field, months), (months, data)


def test_other_months_or_another_language_are_written_afresh(rf):
    field = filterset(rf, MONTHS).form["month"]
    assert "maand 3<" in filter_select(field)
    changed = [(value, name.replace("maand", "month")) for value, name in MONTHS]
    field = filterset(rf, changed).form["month"]
    assert "month 3<" in filter_select(field)
    assert "maand 3<" not in filter_select(field)
    with translation.override("de"):
        assert "Alle maanden" not in filter_select(filterset(rf, MONTHS).form["month"])
    assert "Alle maanden" in filter_select(filterset(rf, MONTHS).form["month"])
    agenda_tags._options.clear()


def test_the_form_shares_the_months_instead_of_copying_each(rf, monkeypatch):
    months = list(MONTHS)
    found = filterset(rf, months, {"month": "2020-02"})
    field = found.form.fields["month"]
    assert field is not found.filters["month"].field
    assert field.choices.choices is months
    assert field.choices.field is field
    assert list(field.choices) == [("", "Alle maanden"), *MONTHS]
    assert found.form.cleaned_data["month"] == "2020-02"
    copied = []
    real_deepcopy = copy.deepcopy
    monkeypatch.setattr(
        copy, "deepcopy", lambda value, *a: copied.append(value) or real_deepcopy(value, *a)
    )
    filterset(rf, months).form  # noqa: B018
    assert not any(value is months or value in months for value in copied if value)


@pytest.mark.parametrize("language", ["nl", "de", "en"])
@pytest.mark.parametrize("own_format", [False, True])
def test_the_months_are_named_and_timed_as_their_events(language, own_format, monkeypatch):
    """month_summary reads the month as YYYY-MM and its moments as seconds (issue 17): the
    names DateFormat writes, in a language with 'F Y' and in one with another format, and the
    moments of the events' ends."""
    from datetime import datetime, timedelta

    from django.utils import formats, timezone

    from agenda.choices import microseconds, month_summary
    from tests.factories import EventFactory

    starts = [
        timezone.make_aware(datetime(2027, 3, 31, 23, 30, 0, 123456)),  # March here, April in UTC
        timezone.make_aware(datetime(2027, 3, 1, 0, 15, 59, 999999)),
        timezone.make_aware(datetime(2028, 12, 5, 10)),
    ]
    for start in starts:
        EventFactory(starts_at=start, finishes_at=start + timedelta(hours=2))
    if own_format:
        real = formats.get_format
        monkeypatch.setattr(
            formats,
            "get_format",
            lambda name, *a, **k: "Y F" if name == "YEAR_MONTH_FORMAT" else real(name, *a, **k),
        )
    with translation.override(language):
        summary = month_summary(Event.objects.all())
        march, december = (
            formats.date_format(d, "Y F" if own_format else "F Y")
            for d in (starts[1].date(), starts[2].date())
        )
    assert summary == [
        (
            "2027-03",
            march,
            microseconds(starts[1] + timedelta(hours=2)),
            microseconds(starts[0] + timedelta(hours=2)),
        ),
        (
            "2028-12",
            december,
            microseconds(starts[2] + timedelta(hours=2)),
            microseconds(starts[2] + timedelta(hours=2)),
        ),
    ]
