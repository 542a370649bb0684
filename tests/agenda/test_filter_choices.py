"""The agenda filters' choices are kept in the cache (agenda/choices.py): they follow every change
of an event at once, and the clock without a change."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from agenda import choices
from agenda.services import unpublish_event
from core import kept
from core.constants import Visibility
from tests.factories import EventFactory, NetworkFactory, ThemeFactory

pytestmark = pytest.mark.django_db

LIST = reverse("agenda:event-list")


def options(client, name, path=LIST):
    content = client.get(path).content.decode()
    select = content[content.index(f'<select name="{name}"') :]
    return select[: select.index("</select>")]


def test_a_new_event_shows_its_month_theme_and_network_at_once(client):
    EventFactory(translations={"nl": {"title": "Eerst"}})
    start = timezone.localtime() + timedelta(days=400)
    month = start.strftime("%Y-%m")
    assert month not in options(client, "month")  # the choices are kept now

    EventFactory(
        translations={"nl": {"title": "Later"}},
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        themes=[ThemeFactory(code="nieuw-thema", name="Nieuw thema")],
        network=NetworkFactory(name="Nieuw netwerk", slug="nieuw-netwerk"),
    )

    assert f'<option value="{month}">' in options(client, "month")
    assert '<option value="nieuw-thema">Nieuw thema</option>' in options(client, "theme")
    assert '<option value="nieuw-netwerk">Nieuw netwerk</option>' in options(client, "network")


def test_an_unpublished_event_takes_its_month_and_network_off_the_filter(client):
    start = timezone.localtime() + timedelta(days=500)
    event = EventFactory(
        translations={"nl": {"title": "Enige"}},
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        network=NetworkFactory(name="Enig netwerk", slug="enig-netwerk"),
    )
    assert f'<option value="{start:%Y-%m}">' in options(client, "month")
    assert "enig-netwerk" in options(client, "network")

    unpublish_event(event)

    assert f'<option value="{start:%Y-%m}">' not in options(client, "month")
    assert "enig-netwerk" not in options(client, "network")


def test_a_month_moves_to_the_archive_when_its_events_are_over_without_a_query(
    django_assert_num_queries,
):
    start = timezone.localtime() + timedelta(days=40)
    EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    month = start.strftime("%Y-%m")
    visitor = AnonymousUser()
    assert month in dict(choices.filter_choices(visitor)["months"])
    assert month not in dict(choices.filter_choices(visitor, past=True)["months"])

    later = start + timedelta(days=1)
    with django_assert_num_queries(0):
        upcoming = choices.filter_choices(visitor, now=later)["months"]
        past = choices.filter_choices(visitor, past=True, now=later)["months"]
    assert month not in dict(upcoming)
    assert month in dict(past)


def test_the_kept_upcoming_months_serve_a_clock_up_to_a_day_behind(django_assert_num_queries):
    """The upcoming months are asked of the events not over a day before the request that
    keeps them; a request whose clock is behind that one's still finds its months."""
    start = timezone.localtime() - timedelta(hours=8)
    EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))  # over 6 hours ago
    month = start.strftime("%Y-%m")
    visitor = AnonymousUser()
    assert month not in dict(choices.filter_choices(visitor)["months"])
    with django_assert_num_queries(0):
        behind = choices.filter_choices(visitor, now=timezone.now() - timedelta(hours=12))
    assert month in dict(behind["months"])


def test_drafts_are_in_the_months_of_signed_in_users_only(account_manager):
    start = timezone.localtime() + timedelta(days=600)
    EventFactory(starts_at=start, ends_at=start + timedelta(hours=2), visibility=Visibility.DRAFT)
    month = start.strftime("%Y-%m")
    assert month not in dict(choices.filter_choices(AnonymousUser())["months"])
    assert month in dict(choices.filter_choices(account_manager)["months"])


def test_without_the_cache_the_choices_come_from_the_database(client, monkeypatch):
    monkeypatch.setattr(kept, "content_version", lambda: None)
    start = timezone.localtime() + timedelta(days=700)
    EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    assert f'<option value="{start:%Y-%m}">' in options(client, "month")


@pytest.mark.parametrize("path", [LIST, reverse("agenda:event-embed")])
def test_a_changed_event_shows_at_once_in_the_kept_rows(client, path):
    """The cards and the embedded agenda's rows are kept until the content changes."""
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-page-cache"
    event = EventFactory(translations={"nl": {"title": "Eerste titel"}})
    assert "Eerste titel" in client.get(path).content.decode()
    assert "Eerste titel" in client.get(path).content.decode()  # kept
    event.set_current_language("nl")
    event.title = "Tweede titel"
    event.save()
    content = client.get(path).content.decode()
    assert "Tweede titel" in content and "Eerste titel" not in content


def test_the_filters_options_come_from_the_choices_without_asking_again(rf, monkeypatch):
    """The theme, network and partner city filters offer the ids in EventFilter's `choices`
    (issue 17): building the form asks the cache for them no second time."""
    from agenda import filters

    theme = ThemeFactory(name="Klimaat")
    network = NetworkFactory(name="Eurocities")
    EventFactory(translations={"nl": {"title": "Eerst"}}, themes=[theme], network=network)
    request = rf.get(LIST)
    request.user = AnonymousUser()
    offered = choices.filter_choices(None)

    def asked(field):
        raise AssertionError(f"the ids of {field} asked again")

    monkeypatch.setattr(filters, "with_published_events", asked)
    form = filters.EventFilter(
        None, queryset=filters.Event.objects.all(), choices=offered, request=request
    ).form
    assert [str(label) for _, label in form.fields["theme"].choices] == ["Alle thema's", "Klimaat"]
    assert [str(label) for _, label in form.fields["network"].choices][1:] == ["Eurocities"]


def test_the_filters_names_are_translated_per_language_and_afresh_after_a_setting():
    """agenda.filters.translated_name keeps gettext's answer per language in the process
    (issue 17), and asks again when core.memo's generation moves on."""
    from django.utils import translation

    from agenda import filters
    from core.memo import forget_all

    text = "Alle thema's"
    for language in ("de", "en", "nl", "de"):
        with translation.override(language):
            assert filters.translated_name(text) == translation.gettext(text)
            assert filters.translated_name("Eurocities") == "Eurocities"
    with translation.override("de"):
        filters._names[("de", text)] = "veraltet"
        forget_all()
        assert filters.translated_name(text) == translation.gettext(text) != text
