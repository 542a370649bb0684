"""RSS and Atom feeds of the agenda, built with django.contrib.syndication."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.municipality import current_municipality

from .filters import EventFilter
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


class EventFeed(Feed):
    """The published events of a filter, newest start first."""

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
        return obj.events

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers take the description as HTML: escape the plain text and keep its paragraphs.
        return linebreaks(item.text, autoescape=True)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organiser_name()

    def item_categories(self, item):
        return [gettext(theme.name) for theme in item.themes.all()]


class AtomEventFeed(EventFeed):
    feed_type = Atom1Feed
    subtitle = EventFeed.description


rss_feed = EventFeed()
atom_feed = AtomEventFeed()
