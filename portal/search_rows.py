"""The search's rows of events written in Python (issue 17: CONTRIBUTING "rows in Python"), as
templates/portal/search.html's loop writes them, whitespace and all: 20 rows of the loop cost
more than the rest of the page."""

from django.template.defaultfilters import date
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe

ROW = '\n          <li class="list-group-item">\n            '
END = "\n          </li>\n        "


def event_rows(rows, language):
    """The loop's output for the events' group: each row's link, badge, year, city, organiser
    and snippet (its lang where it is not the page's language)."""
    html = ["\n        "]
    for item in rows:
        city = f" · {escape(item.city)}" if item.city else ""
        html += [
            ROW,
            f'\n              <a href="{escape(item.get_absolute_url())}">',
            f"{escape(item.title or item)}</a>{item.visibility_badge}",
            '\n              <span class="d-block small text-body-secondary">',
            f"{escape(date(item.local_start(), 'Y'))}{city} · {escape(item.organiser_name())}",
            "</span>\n            \n            ",
            snippet(item, language),
            END,
        ]
    return mark_safe("".join(html))  # noqa: S308 - every value escaped above


def snippet(item, language):
    if not item.highlight:
        return ""
    lang = item.highlight_language
    attribute = f' lang="{escape(lang)}"' if lang and lang != language else ""
    return f'<p class="search-snippet small mb-0"{attribute}>{escape(item.highlight)}</p>'
