"""The timeline as RSS and Atom, following the same filters as the page."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.municipality import current_municipality

from .forms import TimelineFilterForm
from .timeline import entries, rows_for

FEED_SIZE = 50


class TimelineFeed(Feed):
    """The newest changes the reader may see, with what changed in each."""

    def title(self):
        return _("Wijzigingen in %(name)s Internationaal") % {"name": current_municipality().name}

    description = _(
        "Wat er veranderde in voorstellen, besluiten, inspanningen, netwerken, begroting en agenda."
    )

    def get_object(self, request, *args, **kwargs):
        form = TimelineFilterForm(request.GET or None, user=request.user)
        rows = rows_for(request.user, form.filters())
        return entries(rows[:FEED_SIZE], request.user) if rows is not None else []

    def link(self):
        return reverse("notifications:timeline")

    def items(self, obj):
        return obj

    def item_title(self, item):
        return f"{item.action_label}: {item.title}"

    def item_description(self, item):
        return render_to_string("notifications/includes/changes.html", {"entry": item})

    def item_link(self, item):
        return item.url or reverse("notifications:timeline")

    def item_guid(self, item):
        source, history_id = item.key
        # One tag space per municipality, like the agenda's UIDs (agenda/ical.py).
        return f"tag:{settings.MUNICIPALITY}-internationaal,2018:wijziging/{source}/{history_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.date

    def item_categories(self, item):
        return [gettext(str(item.kind_label))]


class AtomTimelineFeed(TimelineFeed):
    feed_type = Atom1Feed
    subtitle = TimelineFeed.description
