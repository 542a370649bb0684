"""A sitemap of the public agenda, with each page in Dutch, German and English (hreflang), so
that search engines send German visitors to the German pages. Published events only."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event


class AgendaPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["agenda:event-list", "agenda:event-archive", "agenda:partner-list"]

    def location(self, item):
        return reverse(item)


class EventSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Event.objects.published().order_by("-starts_at", "pk")

    def lastmod(self, event):
        return event.updated_at


SITEMAPS = {"agenda": AgendaPagesSitemap, "events": EventSitemap}
