"""Hypothesis strategies for hostile query strings and form data.

Query strings mix the parameters a view reads (its filters, its page number) with unknown ones,
and give them values no visitor should send: huge, negative and non-numeric page numbers,
malformed dates, NUL characters, unicode, overlong strings, SQL and template payloads, broken
percent-encoding and repeated keys.

Form data is built from the form as the page renders it (every input, select and textarea of
the form that posts back to the page, formsets' management forms included): each field keeps
its value, is left out, repeated, or gets a value of the wrong type for its kind.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

INT64 = 2**63
HOSTILE = [
    "",
    " ",
    "-1",
    "0",
    str(-INT64 - 1),
    str(-INT64),
    str(INT64),
    f"+{INT64}",
    "9" * 40,
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "abc",
    "1,5",
    "1.000.000,00",
    "2024-02-30",
    "0000-00-00",
    "31-12-99999",
    "99999-12-31",
    "2024-13-01T25:61",
    "x\x00y",
    "é€🦆 ẞ ﷽",
    "\u202e\u200b",
    "ß" * 5000,
    "' OR 1=1 --",
    "'; DROP TABLE auth_user; --",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "${7*7}",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%",
    "\\",
    "[]",
    "null",
]
HOSTILE_NUMBERS = [str(-INT64 - 1), str(INT64), "9" * 40, "-1", "0", "1e309", "NaN", "abc", "1,5"]
HOSTILE_DATES = ["2024-02-30", "0000-00-00", "99999-12-31", "31-12-2024", "abc", "-1", "2024-1-1"]
RAW_SUFFIXES = ["", "", "", "%ff%fe", "%C3%28", "%", "&&&", "a=1&a=2&a=", "=x", "%E2%82"]

# Text that a URL or form can carry (surrogates cannot be encoded in UTF-8).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
VALUES = st.one_of(st.sampled_from(HOSTILE), TEXT, st.integers(-(2**70), 2**70).map(str))


def query_strings(names):
    """Query strings for a view that reads the given parameter names."""
    keys = st.one_of(st.sampled_from(names), TEXT.filter(bool)) if names else TEXT.filter(bool)
    pairs = st.lists(st.tuples(keys, VALUES), max_size=4)
    return st.builds(
        lambda items, raw: "&".join(part for part in (urlencode(items), raw) if part),
        pairs,
        st.sampled_from(RAW_SUFFIXES),
    )


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # input type, "select", "select-multiple" or "textarea"
    value: str
    options: tuple = ()
    maxlength: int | None = None


def form_fields(html, path):
    """The fields of the form on the page that posts back to the page itself (the largest)."""
    try:
        document = lxml.html.fromstring(html)
    except Exception:
        return []
    best = []
    for form in document.iter("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        action = form.get("action") or ""
        if action not in ("", ".", path) and not path.startswith(action.split("?")[0] or "#"):
            continue
        fields = list(fields_of(form))
        if len(fields) > len(best):
            best = fields
    return best


def fields_of(form):
    for element in form.iter("input", "select", "textarea"):
        name = element.get("name")
        if not name:
            continue
        if element.tag == "select":
            options = tuple(o.get("value", o.text or "") for o in element.iter("option"))
            kind = "select-multiple" if element.get("multiple") is not None else "select"
            selected = [o.get("value", "") for o in element.iter("option") if o.get("selected")]
            yield Field(name, kind, selected[0] if selected else "", options)
        elif element.tag == "textarea":
            yield Field(name, "textarea", element.text or "", maxlength=maxlength(element))
        else:
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                continue
            yield Field(name, kind, element.get("value") or "", maxlength=maxlength(element))


def maxlength(element):
    value = element.get("maxlength")
    return int(value) if value and value.isdigit() else None


def hostile_for(field):
    """Values of the wrong kind for one field."""
    if field.kind in ("number", "range"):
        return st.one_of(st.sampled_from(HOSTILE_NUMBERS), st.integers(-(2**70), 2**70).map(str))
    if field.kind in ("date", "datetime-local", "time", "month"):
        return st.sampled_from(HOSTILE_DATES)
    if field.kind in ("select", "select-multiple"):
        options = [option for option in field.options if option]
        choices = st.sampled_from(options) if options else st.just("")
        return st.one_of(choices, st.sampled_from(HOSTILE_NUMBERS), st.sampled_from(HOSTILE))
    if field.kind == "file":
        return st.builds(upload, st.binary(max_size=300), st.sampled_from(["csv", "xlsx", "pdf"]))
    if field.kind == "hidden":
        return st.sampled_from(["", "-1", str(INT64), "abc", "99999999", "é"])
    longest = (field.maxlength or 200) + 1
    return st.one_of(
        st.sampled_from(HOSTILE), TEXT, st.just("ü" * longest), st.just("a\nb\r\nc" * 50)
    )


def upload(content, extension):
    return SimpleUploadedFile(f"fuzz.{extension}", content, "application/octet-stream")


MISSING = object()


def field_values(field):
    """Keep the field's value, leave it out, repeat it, or give it a hostile value."""
    kept = [field.value] if field.kind != "checkbox" or field.value else []
    return st.one_of(
        st.just(kept),
        st.just(MISSING),
        hostile_for(field).map(lambda value: [value]),
        st.lists(hostile_for(field), min_size=2, max_size=3),
    )


def form_data(fields):
    """Form data for the page's fields (file fields as one upload, the rest as lists)."""
    if not fields:
        return st.fixed_dictionaries({}, optional={"x": st.lists(VALUES, max_size=2)})
    unique = {field.name: field for field in fields}
    strategies = {name: field_values(field) for name, field in unique.items()}

    def build(chosen):
        data = {}
        for name, value in chosen.items():
            if value is MISSING:
                continue
            if unique[name].kind == "file":
                value = [v for v in value if not isinstance(v, str)]
                if value:
                    data[name] = value[0]
                continue
            data[name] = [v if isinstance(v, str) else "" for v in value]
        return data

    return st.fixed_dictionaries(strategies).map(build)
