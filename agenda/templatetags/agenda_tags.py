import hashlib
import html
import json
import re

from django import forms, template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import formats, timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from agenda.constants import COUNTRY_NAMES, DatePrecision
from core.kept import kept_each
from core.memo import generation
from core.select import SearchableSelect

register = template.Library()

# A day with its weekday, per language; Django's DATE_FORMAT has no weekday.
DAY_FORMATS = {"nl": "l j F Y", "de": "l, j. F Y", "en": "l j F Y"}
SHORT_DAY_FORMATS = {"nl": "j F Y", "de": "j. F Y", "en": "j F Y"}
TIME_FORMAT = "H:i"

# JSON inside <script> must not be able to close the element or open a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _day(value, short=False, language=None):
    language = get_language() if language is None else language
    formats_by_language = SHORT_DAY_FORMATS if short else DAY_FORMATS
    return _date_format(value, formats_by_language.get(language, "j F Y"), language)


# What django.utils.dateformat writes for the letters of the formats above, without a formatter
# (a regular expression, a method and a str() per letter) per date: a page of cards writes two
# to four dates an event (issue 17). Any other letter goes to Django's formatter.
LETTERS = frozenset("ljFYHi")

_names = {}  # (core.memo's generation, language) -> (weekday names, month names)
MAX_NAMES = 100


def _names_in(language):
    """The names of the weekdays and months (Django's WEEKDAYS, MONTHS) in the active language,
    `language`, looked up once per language in a process: a str() of a lazy name goes through
    the catalogues, twice a date (issue 17). Afresh when a setting or a catalogue changes
    (core.memo)."""
    key = (generation(), language)
    names = _names.get(key)
    if names is None:
        if len(_names) >= MAX_NAMES:
            _names.clear()
        names = _names[key] = (
            {number: str(name) for number, name in WEEKDAYS.items()},
            {number: str(name) for number, name in MONTHS.items()},
        )
    return names


def _date_format(value, format_string, language=None):
    """formats.date_format(value, format_string) for a format of the letters in LETTERS."""
    weekdays, months = _names_in(get_language() if language is None else language)
    parts = []
    for char in format_string:
        if char in LETTERS:
            if char == "l":
                parts.append(weekdays[value.weekday()])
            elif char == "j":
                parts.append(str(value.day))
            elif char == "F":
                parts.append(months[value.month])
            elif char == "Y":
                parts.append(f"{value.year:04d}")
            elif char == "H":
                parts.append(f"{value.hour:02d}")
            else:
                parts.append(f"{value.minute:02d}")
        elif char.isalpha() or char == "\\":
            return formats.date_format(value, format_string)
        else:
            parts.append(char)
    return "".join(parts)


def _time_tag(value, text):
    """A <time> element as format_html wrote it (both values escaped), as a plain string: the
    caller marks the whole date safe once (format_html cost some 40 calls per element)."""
    return f'<time datetime="{escaped(value)}">{escaped(text)}</time>'


@register.simple_tag
def event_when(event, short=False):
    """The event's date (and time) as a reader expects it, in <time> elements."""
    zone = timezone.get_current_timezone()
    start = timezone.localtime(event.starts_at, zone)
    end = timezone.localtime(event.ends_at, zone) if event.ends_at else None
    if event.date_precision == DatePrecision.YEAR:
        return mark_safe(_time_tag(f"{start:%Y}", f"{start:%Y}"))  # noqa: S308 - escaped
    if event.date_precision == DatePrecision.MONTH:
        month = formats.date_format(start, "YEAR_MONTH_FORMAT")
        return mark_safe(_time_tag(f"{start:%Y-%m}", month))  # noqa: S308 - escaped
    language = get_language()
    if event.date_precision == DatePrecision.DAY:
        first = _time_tag(start.date().isoformat(), _day(start, short, language))
        if end is None or end.date() == start.date():
            return mark_safe(first)  # noqa: S308 - escaped
        last = _time_tag(end.date().isoformat(), _day(end, short, language))
        return mark_safe(f"{first} – {last}")  # noqa: S308 - escaped
    starts = _time_tag(
        start.isoformat(),
        f"{_day(start, short, language)}, {_date_format(start, TIME_FORMAT, language)}",
    )
    if end is None:
        return mark_safe(starts)  # noqa: S308 - escaped
    if end.date() == start.date():
        return mark_safe(f"{starts}–{_time_tag(end.isoformat(), f'{end:%H:%M}')}")  # noqa: S308
    ends = _time_tag(
        end.isoformat(),
        f"{_day(end, short, language)}, {_date_format(end, TIME_FORMAT, language)}",
    )
    return mark_safe(f"{starts} – {ends}")  # noqa: S308 - escaped


@register.filter
def jsonld(data):
    """Render structured data as a JSON-LD script element that text in it cannot break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )


@register.filter
def localized(name):
    """A theme, network or partner city name in the visitor's language, where we have one."""
    return gettext(str(name)) if name else ""


@register.filter
def text_in(event, language_code):
    """Say whether the event has its own title in the language (no Dutch fallback)."""
    translation = event.translation_in(language_code)
    return bool(translation and translation.title)


@register.filter
def page_url(obj):
    """The object's own page."""
    return obj.get_absolute_url()


@register.filter
def country_name(code):
    """A country's name in the visitor's language, from its ISO code."""
    return COUNTRY_NAMES.get(code, code)


# The markup of a filter's field per layout of the agenda's filter form: the agenda's (a column)
# and the embedded agenda's (a row); {label}, {select}, {errors}. Whitespace as the templates
# wrote it around each field.
FIELD_LAYOUTS = {
    "column": (
        '\n          <div class="mb-3">\n'
        '            <label class="form-label" for="{id}">{label}</label>\n'
        "            {select}\n"
        "            {errors}\n"
        "          </div>\n        ",
        "form-select",
    ),
    "row": (
        '\n        <div class="col-sm-6 col-md">\n'
        '          <label class="form-label small mb-0" for="{id}">{label}</label>\n'
        "          {select}\n"
        "          {errors}\n"
        "        </div>\n      ",
        "form-select form-select-sm",
    ),
}


@register.simple_tag
def filter_fields(filterset, layout):
    """The agenda filter's fields in a layout (FIELD_LAYOUTS). Without a filter in use the
    fields are the same for every visitor with the same months on offer: kept until the
    content changes (core/kept.py), so that the page builds no form and asks for no
    options (issue 17)."""
    if filterset.is_bound:
        return fields_html(filterset.form, layout)
    months = filterset.filters["month"].extra["choices"]
    digest = hashlib.sha1(repr(months).encode(), usedforsecurity=False).hexdigest()
    name = f"filter-fields:{layout}:{get_language()}:{digest}"
    return kept_each([name], lambda missing: {name: fields_html(filterset.form, layout)})[name]


def fields_html(form, layout):
    markup, css = FIELD_LAYOUTS[layout]
    parts = []
    for field in form:
        errors = ""
        if field.errors:
            errors = format_html(
                '<div class="invalid-feedback" id="{}-fout">{}</div>',
                field.id_for_label,
                " ".join(field.errors),
            )
        parts.append(
            markup.format(
                id=escaped(field.id_for_label),
                label=escaped(field.label),
                select=filter_select(field, css),
                errors=errors,
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped


@register.simple_tag
def filter_select(field, css="form-select"):
    """A filter's select (its widget: a searchable one loads its options on demand), styled, and
    marked invalid with its message's id when the value was refused.

    The markup is Django's select template's, written here (issue 17): the month filter offers
    hundreds of months, and a template per option cost more than the rest of the page."""
    attrs = {"class": f"{css} is-invalid" if field.errors else css}
    if field.errors:
        attrs.update({"aria-invalid": "true", "aria-describedby": f"{field.id_for_label}-fout"})
    widget = field.field.widget
    attrs = field.build_widget_attrs(attrs, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    searchable = type(widget) is SearchableSelect and hasattr(widget.choices, "field")
    if searchable or type(widget) is forms.Select:
        # The select's context without its options, which are written from its choices (a
        # searchable select's: the selected and the first ones, SearchableMixin.optgroups).
        context = forms.Widget.get_context(widget, field.html_name, field.value(), attrs)
        value = context["widget"]["value"]
        if getattr(field.field, "options", None) is not None and not (searchable and any(value)):
            # Its options known already (agenda.filters.NameField): no query for them.
            choices = field.field.offered_choices(widget if searchable else None)
        else:
            choices = widget.limited_choices(value) if searchable else widget.choices
        options = flat_options_html(choices, value)
        if options is not None:
            if searchable:
                context["widget"]["attrs"].update(widget.search_attrs(field.html_name))
            return select_html(context["widget"], options)
    return select_html(widget.get_context(field.html_name, field.value(), attrs)["widget"])


def flat_options_html(choices, value):
    """The options of a select whose choices hold no group, as ChoiceWidget.optgroups and the
    select template give them (the first chosen value selected); None when one is a group. A
    dict per option, as Django builds it, cost more than the rest of the month filter.

    Choices with an `options_key` (agenda.filters.MonthChoices) have their options written
    once per key in the process and the chosen one marked in them (issue 17): the key holds
    every value and label, so other months or another language make another key."""
    key = choices.options_key() if hasattr(choices, "options_key") else None
    if key is None:
        return options_html(choices, value)
    written = _options.get(key)
    if written is None:
        if len(_options) >= MAX_OPTIONS:
            _options.clear()
        written = _options[key] = options_written(choices)
    if written is False:
        return None
    parts, first_at = written
    at = min((first_at[chosen] for chosen in value if chosen in first_at), default=None)
    if at is None:
        return "".join(parts)
    chosen = parts[at].replace('">', '" selected>', 1)
    return "".join(parts[:at]) + chosen + "".join(parts[at + 1 :])


_options = {}  # options_key -> (each option's HTML, the index of each value's first option)
MAX_OPTIONS = 100


def options_written(choices):
    """Each option's HTML, unselected, and where each value first occurs; False with a group."""
    parts = []
    first_at = {}
    for option_value, option_label in choices:
        if isinstance(option_label, (list, tuple)):
            return False
        option_value = "" if option_value is None else str(option_value)
        first_at.setdefault(option_value, len(parts))
        parts.append(
            f'\n  <option value="{escaped(option_value)}">{escaped(option_label)}</option>\n'
        )
    return parts, first_at


def options_html(choices, value):
    parts = []
    has_selected = False
    for option_value, option_label in choices:
        if isinstance(option_label, (list, tuple)):
            return None
        if option_value is None:
            option_value = ""
        selected = not has_selected and str(option_value) in value
        has_selected |= selected
        parts.append(
            f'\n  <option value="{escaped(str(option_value))}"{" selected" if selected else ""}>'
            f"{escaped(option_label)}</option>\n"
        )
    return "".join(parts)


# What html.escape replaces; a text without any of them is returned as it is, after one search
# instead of five replacements (the month filter's hundreds of options, issue 17).
HTML_SPECIAL = re.compile("[&<>\"']")


def escaped(value):
    """django.utils.html.conditional_escape(value), without its lazy-string wrapper."""
    if hasattr(value, "__html__"):
        return value.__html__()
    text = str(value)
    return html.escape(text) if HTML_SPECIAL.search(text) else text


def html_attrs(attrs):
    """Attributes as django/forms/widgets/attrs.html writes them."""
    if not attrs:
        return ""
    return "".join(
        f" {name}" if value is True else f' {name}="{escaped(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def select_html(widget, written=None):
    """A select widget's context as django/forms/widgets/select.html renders it; `written`, the
    options' HTML, when the context has no optgroups (flat_options_html)."""
    parts = [f'<select name="{escaped(widget["name"])}"{html_attrs(widget["attrs"])}>']
    if written is not None:
        parts.append(written)
    for group_name, options, _index in widget.get("optgroups", ()):
        if group_name:
            parts.append(f'\n  <optgroup label="{escaped(group_name)}">')
        parts.extend(
            f'\n  <option value="{escaped(str(option["value"]))}"'
            f"{html_attrs(option['attrs'])}>{escaped(option['label'])}</option>\n"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above
