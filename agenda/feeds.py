"""RSS and Atom feeds of the agenda, built with django.contrib.syndication."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .caching import cache_for_anonymous
from .views import FeedFilterError, bad_filter_response, feed_events


class EventFeed(Feed):
    """The published events of a filter, newest start first."""

    title = _("Internationale agenda van Hengelo")
    description = _(
        "Internationale evenementen en activiteiten van de gemeente Hengelo en haar partners."
    )
    description_template = None

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except FeedFilterError as error:
            return bad_filter_response(error)

    def get_object(self, request, *args, **kwargs):
        return feed_events(request).order_by("-starts_at", "-pk")

    def link(self):
        return reverse("agenda:event-list")

    def items(self, obj):
        return obj

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
        return item.organiser

    def item_categories(self, item):
        return [gettext(theme.name) for theme in item.themes.all()]


class AtomEventFeed(EventFeed):
    feed_type = Atom1Feed
    subtitle = EventFeed.description


rss_feed = cache_for_anonymous(EventFeed())
atom_feed = cache_for_anonymous(AtomEventFeed())
