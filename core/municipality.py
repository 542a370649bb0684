"""The active municipality: the data set the portal serves, chosen by the setting MUNICIPALITY.

Every page and document asks for the identity, so it is kept in the cache; saving a
municipality or one of its signatories clears it (core.signals).
"""

from django.conf import settings
from django.core.cache import cache

from .models import Municipality

CACHE_TIMEOUT = 600


def cache_key(slug):
    return f"municipality:{slug}"


def current_municipality():
    """Return the active municipality; before its data is loaded, a stand-in with its code."""
    slug = settings.MUNICIPALITY
    key = cache_key(slug)
    municipality = cache.get(key)
    if municipality is None:
        municipality = Municipality.objects.filter(slug=slug).first() or placeholder(slug)
        cache.set(key, municipality, CACHE_TIMEOUT)
    return municipality


def placeholder(slug):
    """An unsaved identity that names the municipality by its code, until its data is loaded."""
    name = slug.replace("-", " ").title()
    return Municipality(slug=slug, name=name, official_name=name, portal_name=name)


def forget(slug):
    cache.delete(cache_key(slug))
