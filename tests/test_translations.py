"""German and English visitors read the portal's own words in their language on every public page.

The crawler follows every link an anonymous visitor sees on the German and English pages. While
a page renders, every message it looks up in the catalogue is noted; a message counts only when
that page looked it up and the language has no translation for it. Then the check takes the text
a reader sees or hears (text, the title, the description, alt texts, ARIA labels, titles and
placeholders) and looks for the message's Dutch text there. Content stored in Dutch (a
proposal's text, a network's description) is data, not the portal's own words: every stored text
of the data set is taken out of the page before the search. A German word in content that happens
to be a Dutch message ("Wissen" in a search result's snippet) is no finding: that page never
looked the message up.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db

LANGUAGES = ("de", "en")
NOT_FOLLOWED = ("/admin/", "/inloggen/", "/uitloggen/", "/i18n/", "/static/", "/media/", "/api/")
# Public pages no link leads to: the embedded agenda, a search and the page for a wrong address.
NOT_LINKED = (
    "agenda/insluiten/",
    "raadsvoorstellen/",  # linked from /voorstellen/ once there are more than fit there
    "zoeken/?q=emsdetten",
    "zoeken/?q=samenwerking",  # more results than are shown
    "zoeken/?q=x",
    "bestaat-niet/",
)
HREF = re.compile(r'href="([^"#]*)"')
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|\{[^}]*\}|<[^>]*>")
SPOKEN_ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")
SKIPPED_TAGS = ("script", "style", "template")


class LookedUp:
    """Notes every message the catalogue is asked for (contexts as gettext keys them), so that a
    page's check knows which of the portal's messages the page itself rendered."""

    def __init__(self, monkeypatch):
        self.keys = set()
        gettext, ngettext = (
            trans_real.DjangoTranslation.gettext,
            trans_real.DjangoTranslation.ngettext,
        )

        def noting_gettext(translation, message):
            self.keys.add(message)
            return gettext(translation, message)

        def noting_ngettext(translation, singular, plural, number):
            self.keys.add(singular)
            return ngettext(translation, singular, plural, number)

        monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", noting_gettext)
        monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", noting_ngettext)

    def during(self, call):
        """The call's result and the messages looked up while it ran."""
        self.keys = set()
        result = call()
        return result, self.keys


def crawl(client, language, looked_up, limit=400):
    """Every page of one language an anonymous visitor reaches by links:
    {path: (html, the messages its rendering looked up)}. The cache is emptied first: a page
    served from it renders nothing."""
    cache.clear()
    prefix = f"/{language}/"
    seen, todo = {}, [prefix, *(prefix + page for page in NOT_LINKED)]
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        assert len(seen) < limit, "the crawl does not end"
        response, keys = looked_up.during(lambda url=url: client.get(url))
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        seen[url] = (html, keys)
        for href in HREF.findall(html):
            parts = urlsplit(urljoin(url, href.replace("&amp;", "&")))
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            path = parts.path
            if not path.startswith(prefix) or path.startswith(
                tuple(prefix + p.lstrip("/") for p in NOT_FOLLOWED)
            ):
                continue
            if path not in seen and path not in todo:
                todo.append(path)
    return seen


class VisibleText(HTMLParser):
    """The text of a page as a reader sees or hears it, without parts marked as another language
    (lang="nl" around Dutch content is right: it tells a screen reader to read it as Dutch)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []  # (tag, hidden)
        self.pieces = []

    @property
    def hidden(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        hidden = (
            self.hidden
            or tag in SKIPPED_TAGS
            or (lang is not None and not lang.startswith(self.language))
        )
        if not hidden:
            for name in SPOKEN_ATTRIBUTES:
                if attrs.get(name):
                    self.pieces.append(attrs[name])
            if tag == "meta" and attrs.get("name") == "description":
                self.pieces.append(attrs.get("content") or "")
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.pieces.append(attrs["value"])
        if tag not in self.VOID:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.hidden:
            self.pieces.append(data)


def visible_text(html, language):
    parser = VisibleText(language)
    parser.feed(html)
    return " ".join(" ".join(parser.pieces).split())


def stored_texts():
    """A pattern for every text of the data set: the content a page may show in Dutch."""
    texts = set()
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
            and not f.choices
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            for value in row:
                for text in _strings(value):
                    texts.add(" ".join(text.split()))
                    texts.update(" ".join(line.split()) for line in text.splitlines())
    texts = sorted((t for t in texts if len(t) >= 4 and re.search(r"[^\W\d]", t)), key=len)
    alternatives = "|".join(re.escape(t) for t in reversed(texts))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def source_messages():
    """The Dutch source text of every message in the catalogue (msgid, without its context)."""
    po = Path(settings.LOCALE_PATHS[0]) / "de" / "LC_MESSAGES" / "django.po"
    messages, current, field = [], {}, None
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
            field, _, rest = line.partition(" ")
            if field == "msgctxt" or (field == "msgid" and "msgid" in current):
                if "msgid" in current:
                    messages.append(current)
                current = {}
            current[field] = _unquote(rest)
        elif line.startswith('"') and field:
            current[field] += _unquote(line)
        elif not line.strip() and current:
            messages.append(current)
            current, field = {}, None
    return [
        (m.get("msgctxt"), m["msgid"], m.get("msgid_plural"))
        for m in messages
        if m.get("msgid") and "#~" not in m["msgid"]
    ]


def _unquote(text):
    text = text.strip()
    if text.startswith('"') and text.endswith('"'):
        text = text[1:-1]
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def untranslated(language):
    """The source messages that the compiled catalogue of the language does not translate (a
    translation may be the same word: "Status", "Partner")."""
    return list(untranslated_keys(language).values())


def untranslated_keys(language):
    """{gettext key: msgid} of the source messages the language does not translate."""
    catalog = trans_real.translation(language)._catalog
    result = {}
    for context, msgid, plural in source_messages():
        key = f"{context}\x04{msgid}" if context else msgid
        if (key, 0) not in catalog if plural else key not in catalog:
            result[key] = msgid
    return result


def fragments(msgid):
    """The literal parts of a message between its placeholders and tags, as a page shows them."""
    parts = [" ".join(p.split()) for p in PLACEHOLDER.split(msgid)]
    parts = [p.strip(" .,:;()–-·") for p in parts]
    whole = len([p for p in parts if p]) == 1
    return [p for p in parts if len(p) >= 3 and (whole or (" " in p and len(p) >= 10))]


def found_in(text, fragment):
    return re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text) is not None


def untranslated_on_pages(client, language, looked_up):
    """{msgid: [pages]} for every untranslated message that a public page rendered and whose
    Dutch text it shows."""
    pages = crawl(client, language, looked_up)
    return pages, untranslated_shown(pages, language)


def untranslated_shown(pages, language):
    """{msgid: [pages]} of {path: (html, looked-up messages)}: an untranslated message counts on
    a page that looked it up and shows its text outside the stored content."""
    data = stored_texts()
    missing = untranslated_keys(language)
    found = {}
    for url, (html, keys) in pages.items():
        text = data.sub(" ¶ ", visible_text(html, language))
        for key in keys & missing.keys():
            msgid = missing[key]
            if any(found_in(text, fragment) for fragment in fragments(msgid)):
                found.setdefault(msgid, []).append(url)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_show_no_untranslated_message(client, hengelo, language, monkeypatch):
    pages, found = untranslated_on_pages(client, language, LookedUp(monkeypatch))
    reached = ("/voorstellen/2200511/", "/begroting/afleiding/", "/partners/", "/zoeken/?q=x")
    for path in reached:
        assert f"/{language}{path}" in pages, path
    assert len(pages) > 60
    unrendered = [url for url, (_, keys) in pages.items() if not keys]
    assert unrendered == [], "pages served without rendering are not checked"
    report = {msgid: sorted(set(urls))[:3] for msgid, urls in found.items()}
    assert report == {}, f"{len(report)} untranslated messages on {language} pages: {report}"


def test_the_check_sees_what_a_reader_sees_and_skips_dutch_content():
    html = (
        '<p title="Filteren">Gefiltert <span lang="nl">Filteren</span><script>Filteren</script>'
        '<input type="submit" value="Zoeken"></p>'
    )
    assert visible_text(html, "de") == "Filteren Gefiltert Zoeken"
    assert fragments("In %(year)s is %(awarded)s toegekend van het plafond van %(ceiling)s.") == [
        "toegekend van het plafond van"
    ]
    assert found_in("Gefiltert: Filteren.", "Filteren") and not found_in("Filterenx", "Filteren")


def test_staff_messages_count_as_untranslated_and_public_ones_do_not():
    """The catalogue check is real: staff-only messages stay Dutch, public ones are translated."""
    for language in LANGUAGES:
        missing = untranslated(language)
        assert "Log opnieuw in: de vorige poging is verlopen." in missing
        assert "Wat het kost" not in missing
        assert "Status" not in missing  # translated by the same word


@pytest.mark.parametrize(
    ("prefix", "date"),
    [("", "6 maart 2018"), ("/de", "6. März 2018"), ("/en", "6 March 2018")],
)
def test_dates_read_as_in_the_language(client, hengelo, prefix, date):
    for path in ("/", "/voorstellen/2200511/"):
        assert date in client.get(f"{prefix}{path}").content.decode(), path


def test_the_dutch_only_notice_stays_where_content_is_dutch(client, hengelo):
    for url in ("/de/voorstellen/2200511/", "/en/begroting/"):
        assert "untranslated-notice" in client.get(url).content.decode(), url
    for url in ("/de/agenda/insluiten/", "/en/partners/", "/de/bestaat-niet/"):
        assert "untranslated-notice" not in client.get(url).content.decode(), url


def test_a_german_word_in_content_is_no_finding_and_a_rendered_message_is():
    """'Code' is an untranslated message and a German word: shown by content it counts not, shown
    because the page looked it up it counts."""
    assert "Code" in untranslated("de")
    html = "<main><p>Suchergebnis: der <mark>Code</mark> der Stadt</p></main>"
    assert untranslated_shown({"/de/zoeken/?q=code": (html, set())}, "de") == {}
    found = untranslated_shown({"/de/zoeken/?q=code": (html, {"Code", "Zoeken"})}, "de")
    assert found == {"Code": ["/de/zoeken/?q=code"]}


def test_the_crawl_fails_on_a_page_that_renders_an_untranslated_message(
    client, hengelo, monkeypatch, settings, tmp_path
):
    """Proof on a real page: the German partner list gets one Dutch message that has no German
    translation, through a template that extends the real one."""
    message = "Log opnieuw in: de vorige poging is verlopen."
    assert message in untranslated("de")
    (tmp_path / "agenda").mkdir()
    (tmp_path / "agenda" / "partner_list.html").write_text(
        '{% extends "agenda/partner_list.html" %}{% load i18n %}'
        '{% block content %}{{ block.super }}<p>{% translate "' + message + '" %}</p>{% endblock %}'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    cache.clear()
    looked_up = LookedUp(monkeypatch)
    page, keys = looked_up.during(lambda: client.get("/de/partners/"))
    assert message in page.content.decode()
    pages = {"/de/partners/": (page.content.decode(), keys)}
    assert untranslated_shown(pages, "de") == {message: ["/de/partners/"]}
