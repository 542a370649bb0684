"""The badges that list pages write in Python (core.badges) are the includes' markup exactly:
the detail pages still render templates/includes/*_badge.html, so the two must not drift."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from core.badges import ExampleBadges, VisibilityBadges
from core.constants import Visibility


def with_visibility(value):
    labels = dict(Visibility.choices)
    return SimpleNamespace(
        visibility=value, get_visibility_display=lambda: labels.get(value, value)
    )


@pytest.mark.parametrize("language", ["nl", "de", "en"])
@pytest.mark.parametrize("value", [*Visibility.values, ""])
def test_the_visibility_badge_is_the_includes_markup(language, value):
    obj = with_visibility(value)
    with translation.override(language):
        expected = render_to_string("includes/visibility_badge.html", {"obj": obj})
        assert VisibilityBadges()(obj) == expected


@pytest.mark.parametrize("language", ["nl", "de", "en"])
@pytest.mark.parametrize("is_example", [True, False, None])
def test_the_example_badge_is_the_includes_markup(language, is_example):
    obj = SimpleNamespace() if is_example is None else SimpleNamespace(is_example=is_example)
    with translation.override(language):
        expected = render_to_string("includes/example_badge.html", {"obj": obj})
        assert ExampleBadges()(obj) == expected
