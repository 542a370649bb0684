from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag

from .languages import UNRESOLVED
from .municipality import current_municipality


def page_not_found(request, exception):
    """Django's 404 page (handler404). An address that matches no page says so, so that the
    language switcher does not resolve it once more (about a thousand calls, issue 17)."""
    if isinstance(exception, Resolver404):
        setattr(request, UNRESOLVED, True)
    return defaults.page_not_found(request, exception)


def colour_variants(colour):
    """A #rrggbb colour with its 'r, g, b' triple and a darker shade for hover states."""
    if not colour:
        return None
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    dark = "#" + "".join(f"{round(value * 0.73):02x}" for value in channels)
    return {"hex": colour.lower(), "rgb": ", ".join(map(str, channels)), "dark": dark}


def house_style_etag(request):
    municipality = current_municipality()
    return f"{municipality.slug}:{municipality.colour_primary}:{municipality.colour_accent}"


@etag(house_style_etag)
@cache_control(max_age=300)
def house_style(request):
    """Serve the municipality's colours as CSS custom properties: the CSP allows no inline style."""
    municipality = current_municipality()
    css = render_to_string(
        "core/house_style.css",
        {
            "municipality": municipality,
            "primary": colour_variants(municipality.colour_primary),
            "accent": colour_variants(municipality.colour_accent),
        },
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")
