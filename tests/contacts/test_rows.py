"""The list rows written in Python (issue 17) truncate as the template's Truncator does."""

import pytest
from django.utils.text import Truncator

from contacts.follow_up_rows import words

TEXTS = [
    "",
    "Kort verslag.",
    "een twee  drie\nvier",
    " ".join(f"woord{n}" for n in range(20)),
    " ".join(f"woord{n}" for n in range(21)),
    "Lang verslag met <b>opmaak</b> & tekens " * 10,
    " ".join(["al"] * 19) + " afgekapt …",
    " ".join(["al"] * 25) + " …",
]


@pytest.mark.parametrize("text", TEXTS)
def test_words_truncates_as_the_truncator_does(text):
    assert words(text, 20) == Truncator(text).words(20, truncate=" …")
