from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .languages import alternate_links
from .municipality import current_municipality
from .navigation import menu_for


def portal(request):
    """Expose what the base template needs on every page; roles and menu are built when used."""
    user = getattr(request, "user", None)

    def roles():
        if user is None or not user.is_authenticated:
            return frozenset()
        return frozenset(user.groups.values_list("name", flat=True))

    user_roles = SimpleLazyObject(roles)
    return {
        "debug": settings.DEBUG,
        "alternates": SimpleLazyObject(lambda: alternate_links(request)),
        "municipality": SimpleLazyObject(current_municipality),
        "user_roles": user_roles,
        "menu": SimpleLazyObject(lambda: menu_for(user, user_roles) if user else []),
    }
