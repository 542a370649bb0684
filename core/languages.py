"""The current page in each of the portal's languages."""

from django.conf import settings
from django.urls import translate_url


def alternate_links(request):
    """The page in each language, for the language switcher and <link rel="alternate" hreflang>."""
    url = request.build_absolute_uri()
    links = [
        {"hreflang": code, "href": translate_url(url, code)} for code, _name in settings.LANGUAGES
    ]
    links.append({"hreflang": "x-default", "href": translate_url(url, settings.LANGUAGE_CODE)})
    return links
