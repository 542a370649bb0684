from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .languages import alternate_links
from .municipality import current_municipality
from .navigation import menu_for


def portal(request):
    """Expose what the base template needs on every page; the menu is built when used."""
    user = getattr(request, "user", None)
    return {
        "debug": settings.DEBUG,
        "alternates": SimpleLazyObject(lambda: alternate_links(request)),
        "municipality": SimpleLazyObject(current_municipality),
        "menu": SimpleLazyObject(lambda: menu_for(user) if user else []),
    }
