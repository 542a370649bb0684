"""Addresses of records on list pages: each pattern reversed once per language, not once per row.

`reverse()` costs about a hundred function calls; a list of fifty networks with their themes
asked it hundreds of times per page (issue 17). `record_url(name, **kwargs)` gives what
`reverse(name, kwargs=kwargs)` gives: the pattern is reversed once per language, script prefix
and URL conf with a mark in each argument's place, and the marks are replaced by the row's
values. A value that is not plainly letters, digits, '-' and '_' (which reverse() writes
unquoted), or not digits where the pattern wants a number, goes through reverse() itself, which
refuses what the pattern does not accept: a broken link still fails.
"""

import itertools
import re
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

PLAIN = re.compile(r"[-a-zA-Z0-9_]+\Z")
WORD, NUMBER = "word", "number"


def url_state():
    """What a reversed URL depends on besides its name and arguments."""
    return get_language(), get_script_prefix(), get_urlconf()


def mark(kind, index):
    return f"qqmark{index}qq" if kind == WORD else f"98765432123456789{index}"


@lru_cache(maxsize=512)
def url_template(name, keys, language, prefix, urlconf):
    """(the address with a mark per argument, the kind of value each argument takes)."""
    for kinds in itertools.product((WORD, NUMBER), repeat=len(keys)):
        pairs = enumerate(zip(keys, kinds, strict=True))
        marks = {key: mark(kind, index) for index, (key, kind) in pairs}
        try:
            return reverse(name, kwargs=marks), kinds
        except NoReverseMatch:
            continue
    return None, None


def record_url(name, **kwargs):
    """reverse(name, kwargs=kwargs), reversing the pattern once per language."""
    keys = tuple(kwargs)
    template, kinds = url_template(name, keys, *url_state())
    if template is None:
        return reverse(name, kwargs=kwargs)
    url = template
    for index, (key, kind) in enumerate(zip(keys, kinds, strict=True)):
        value = str(kwargs[key])
        if not PLAIN.match(value) or (kind == NUMBER and not value.isdigit()):
            return reverse(name, kwargs=kwargs)
        url = url.replace(mark(kind, index), value, 1)
    return url
