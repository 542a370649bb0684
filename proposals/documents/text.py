"""User-entered text made safe for a council document."""

import re

import nh3
from django.template.defaultfilters import linebreaks_filter
from django.utils.safestring import mark_safe

# Formatting that user-entered text may keep; everything else is stripped, with no attributes
# at all, so no text can bring in a URL, a style or a script.
EURO_SPACE = re.compile(r"€ (?=\d)")
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "sub", "sup"}


def clean_text(text):
    """Turn user-entered text into safe HTML paragraphs: markup is sanitised, never trusted."""
    if not text:
        return ""
    # Keep an amount on one line: "€ 5.000" never breaks after the euro sign.
    html = linebreaks_filter(EURO_SPACE.sub("€\u00a0", text), autoescape=False)
    return mark_safe(
        nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, clean_content_tags={"script", "style"})
    )


def lowercase_first(text):
    """'Motie internationaal beleid' -> 'motie internationaal beleid', for use mid-sentence."""
    return text[:1].lower() + text[1:]


def clean_inline(text):
    """Sanitise a one-line text (a title): no block markup, no tags at all."""
    return nh3.clean(text or "", tags=set(), clean_content_tags={"script", "style"})
