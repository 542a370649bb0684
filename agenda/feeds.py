"""RSS and Atom feeds of the agenda, built with django.contrib.syndication.

The framework writes the feed's head; the items come from three queries of plain values
(events, their texts, their themes: agenda/ical.py), are written as strings (the XML Django's
generator wrote, byte for byte), and the response gets the XML at once. Model instances with
their translations and themes, the framework's dozen look-ups per item, a generator call per
element and a write to the response per piece of XML cost about 1,700 calls an event (issue 17).
"""

import hashlib
import re
from dataclasses import dataclass
from io import StringIO
from xml.sax.saxutils import escape, quoteattr

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc2822_date, rfc3339_date
from django.utils.html import linebreaks
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.utils.xmlutils import UnserializableContentError

from core.kept import kept_each
from core.municipality import current_municipality

from .constants import SOURCE_LANGUAGE
from .filters import EventFilter
from .ical import event_texts, event_themes, pick_texts
from .views import FeedFilterError, bad_filter_response, feed_events

# A news reader shows the latest items: the feed holds the 100 latest-starting events at most.
FEED_ITEMS = 100


@dataclass
class Selection:
    """The events of one filter and that filter as a canonical query string ("" or "?...")."""

    events: QuerySet
    query: str


def filter_query(request):
    """The filter of the request in a fixed order, without empty or unknown keys, so that each
    filtered feed has one address and one id."""
    known = EventFilter.base_filters
    pairs = sorted(
        (key, value)
        for key in request.GET
        if key in known
        for value in request.GET.getlist(key)
        if value
    )
    return f"?{urlencode(pairs)}" if pairs else ""


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")
DUBLIN_CORE = [("xmlns:dc", "http://purl.org/dc/elements/1.1/")]


def element(name, text="", attrs=()):
    """An element as SimplerXMLGenerator.addQuickElement writes it: attributes sorted, empty
    when there is no text, control characters refused."""
    if text and CONTROL_CHARACTERS.search(text):
        raise UnserializableContentError("Control characters are not supported in XML 1.0")
    start = name + "".join(f" {key}={quoteattr(value)}" for key, value in sorted(attrs))
    return f"<{start}>{escape(text)}</{name}>" if text else f"<{start}/>"


class WrittenAtOnce:
    """A feed generator that writes its items as strings (the XML their generator wrote for the
    items EventFeed.feed_items gives, byte for byte) and gives the response its XML at once."""

    def write(self, outfile, encoding):
        written = StringIO()
        super().write(written, encoding)
        outfile.write(written.getvalue())

    kept = None  # (the items' XML, the latest of their dates), when EventFeed kept them

    def write_items(self, handler):
        written = self.kept[0] if self.kept else "".join(map(self.item_xml, self.items))
        handler.ignorableWhitespace(written)

    def latest_post_date(self):
        if self.kept and self.kept[1]:
            return self.kept[1]
        return super().latest_post_date()


class RssFeed(WrittenAtOnce, Rss201rev2Feed):
    def item_xml(self, item):
        parts = [
            "<item>",
            element("title", item["title"]),
            element("link", item["link"]),
            element("description", item["description"]),
        ]
        if item["author_name"]:
            parts.append(element("dc:creator", item["author_name"], DUBLIN_CORE))
        parts.append(element("pubDate", rfc2822_date(item["pubdate"])))
        parts.append(element("guid", item["unique_id"], [("isPermaLink", "false")]))
        parts.extend(element("category", name) for name in item["categories"])
        parts.append("</item>")
        return "".join(parts)


class AtomFeed(WrittenAtOnce, Atom1Feed):
    def item_xml(self, item):
        parts = [
            "<entry>",
            element("title", item["title"]),
            element("link", "", [("href", item["link"]), ("rel", "alternate")]),
            element("published", rfc3339_date(item["pubdate"])),
            element("updated", rfc3339_date(item["updateddate"])),
            f"<author>{element('name', item['author_name'])}</author>",
            element("id", item["unique_id"]),
            element("summary", item["description"], [("type", "html")]),
        ]
        parts.extend(element("category", "", [("term", name)]) for name in item["categories"])
        parts.append("</entry>")
        return "".join(parts)


class EventFeed(Feed):
    """The published events of a filter, newest start first."""

    feed_type = RssFeed
    description_template = None

    def title(self):
        return _("Internationale agenda van %(name)s") % {"name": current_municipality().name}

    def description(self):
        return _(
            "Internationale evenementen en activiteiten van de gemeente %(name)s en haar partners."
        ) % {"name": current_municipality().name}

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except FeedFilterError as error:
            return bad_filter_response(error)

    def get_object(self, request, *args, **kwargs):
        self.request = request
        events = feed_events(request).order_by("-starts_at", "-pk")[:FEED_ITEMS]
        return Selection(events, filter_query(request))

    def link(self, obj):
        return reverse("agenda:event-list") + obj.query

    def feed_url(self, obj):
        return self.request.path + obj.query

    def feed_guid(self, obj):
        """The Atom id: the feed's own address with its filter; each filter is its own feed."""
        return self.request.build_absolute_uri(self.feed_url(obj))

    def items(self, obj):
        return ()  # added by get_feed

    def get_feed(self, obj, request):
        """The feed with its items' XML kept until the content changes (core/kept.py), per
        kind of feed, language, address of the pages and list of events."""
        feed = super().get_feed(obj, request)
        events = obj.events
        ids = list(events.values_list("pk", flat=True))
        context = f"{request.scheme}|{get_current_site(request).domain}|{ids}".encode()
        digest = hashlib.sha1(context, usedforsecurity=False).hexdigest()
        name = f"feed-items:{self.feed_type.__name__}:{get_language()}:{digest}"

        def build(missing):
            written = self.feed_type(title="", link="", description="")
            for item in self.feed_items(events, request):
                written.add_item(**item)
            latest = written.latest_post_date() if written.items else None
            return {name: ("".join(map(written.item_xml, written.items)), latest)}

        feed.kept = kept_each([name], build)[name]
        return feed

    def feed_items(self, events, request):
        """The keyword arguments of feed.add_item() per event, as Feed.get_feed() gave them
        from the item_ methods: the title and text in the feed's language or else in Dutch, the
        text as HTML (readers take the description as HTML: escaped, with its paragraphs), the
        organiser, and the themes in the feed's language."""
        language = get_language() or SOURCE_LANGUAGE
        placeholder = "--slug--"
        page = reverse("agenda:event-detail", kwargs={"slug": placeholder})
        domain = get_current_site(request).domain
        head, tail = add_domain(domain, page, request.is_secure()).split(placeholder)
        rows = list(events.values_list(*ITEM_FIELDS, named=True))
        ids = [row.pk for row in rows]
        texts, themes = event_texts(ids), event_themes(ids)
        translated = {}  # a theme's name in the feed's language, looked up once
        for row in rows:
            title, text, organiser = pick_texts(texts.get(row.pk, ()), language)
            yield {
                "title": title,
                "link": f"{head}{row.slug}{tail}",
                "description": linebreaks(text, autoescape=True),
                "unique_id": f"urn:uuid:{row.uid}",
                "unique_id_is_permalink": False,
                "enclosures": [],
                "pubdate": row.created_at,
                "updateddate": row.updated_at,
                "author_name": organiser,
                "author_email": None,
                "author_link": None,
                "comments": None,
                "categories": [
                    translated.get(name) or translated.setdefault(name, gettext(name))
                    for name in themes.get(row.pk, ())
                ],
                "item_copyright": None,
            }

    # The items' dates give the Last-Modified header (Feed.__call__ asks for either).
    item_pubdate = item_updateddate = None


ITEM_FIELDS = ("pk", "uid", "slug", "created_at", "updated_at")


class AtomEventFeed(EventFeed):
    feed_type = AtomFeed
    subtitle = EventFeed.description


rss_feed = EventFeed()
atom_feed = AtomEventFeed()
