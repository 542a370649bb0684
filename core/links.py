"""Addresses of records on list pages: each pattern reversed once per language, not once per row.

`reverse()` costs about a hundred function calls; a list of fifty networks with their themes
asked it hundreds of times per page (issue 17). `record_url(name, **kwargs)` gives what
`reverse(name, kwargs=kwargs)` gives: the pattern is reversed once per language, script prefix
and URL conf with a mark in each argument's place, and the marks are replaced by the row's
values. A value that is not plainly letters, digits, '-' and '_' (which reverse() writes
unquoted), or not digits where the pattern wants a number, goes through reverse() itself, which
refuses what the pattern does not accept: a broken link still fails. `record_url_in(language,
name, **kwargs)` gives the address in another language (the language switcher's links).
"""

import itertools
import re
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, override

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
    with override(language):
        for kinds in itertools.product((WORD, NUMBER), repeat=len(keys)):
            pairs = enumerate(zip(keys, kinds, strict=True))
            marks = {key: mark(kind, index) for index, (key, kind) in pairs}
            try:
                url = reverse(name, kwargs=marks)
            except NoReverseMatch:
                continue
            if all(url.count(value) == 1 for value in marks.values()):
                return url, kinds
            return None, None  # a converter wrote the mark otherwise: reverse() each time
    return None, None


def record_url(name, **kwargs):
    """reverse(name, kwargs=kwargs), reversing the pattern once per language."""
    return filled_in(name, kwargs, *url_state())


def record_url_in(language, name, **kwargs):
    """reverse(name, kwargs=kwargs) with `language` active."""
    return filled_in(name, kwargs, language, get_script_prefix(), get_urlconf())


def filled_in(name, kwargs, language, prefix, urlconf):
    keys = tuple(kwargs)
    template, kinds = url_template(name, keys, language, prefix, urlconf)
    if template is None:
        return reversed_in(language, name, kwargs)
    url = template
    for index, (key, kind) in enumerate(zip(keys, kinds, strict=True)):
        value = str(kwargs[key])
        if not PLAIN.match(value) or (kind == NUMBER and not value.isdigit()):
            return reversed_in(language, name, kwargs)
        url = url.replace(mark(kind, index), value, 1)
    return url


def reversed_in(language, name, kwargs):
    if language == get_language():
        return reverse(name, kwargs=kwargs)
    with override(language):
        return reverse(name, kwargs=kwargs)
