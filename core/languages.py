"""The current page in each of the portal's languages."""

from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import get_language, get_language_info, override

from .links import record_url_in

# Set on a request whose path matches no page (core.views.page_not_found): nothing to resolve.
UNRESOLVED = "_path_does_not_resolve"


def alternate_links(request):
    """The page in each language, for the language switcher and <link rel="alternate" hreflang>.

    What `translate_url` gives for each language, resolving the page once (the request's own
    match) instead of once per language, and filling in the page's pattern reversed once per
    language in a process (core.links): every page pays for this (issue 17)."""
    url = request.build_absolute_uri()
    parsed = urlsplit(url)
    match = getattr(request, "resolver_match", None)
    if match is None and not getattr(request, UNRESOLVED, False):
        try:
            match = resolve(unquote(parsed.path))
        except Resolver404:
            match = None
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        links.append(
            {
                "hreflang": code,
                "href": translated(url, parsed, match, code),
                "name_local": get_language_info(code)["name_local"],
                "current": code == current,
            }
        )
    default = next(
        (link["href"] for link in links if link["hreflang"] == settings.LANGUAGE_CODE),
        None,
    )
    if default is None:
        default = translated(url, parsed, match, settings.LANGUAGE_CODE)
    links.append({"hreflang": "x-default", "href": default})
    return links


def translated(url, parsed, match, code):
    """The url in the language `code`, or the url itself when it has no named pattern."""
    if match is None or match.url_name is None:
        return url
    try:
        if match.args:
            with override(code):
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        else:
            path = record_url_in(code, match.view_name, **match.kwargs)
    except NoReverseMatch:
        return url
    return urlunsplit((parsed.scheme, parsed.netloc, path, parsed.query, parsed.fragment))
