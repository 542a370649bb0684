from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts import oidc
from accounts.views import LoginView
from api.errors import not_found as api_not_found
from core.municipality import current_municipality


def admin_title(pattern):
    """An admin title with the active municipality's name, looked up when a page is shown."""
    return lazy(lambda: _(pattern) % {"name": current_municipality().name}, str)()


admin.site.site_header = admin_title(gettext_noop("%(name)s Internationaal – beheer"))
admin.site.site_title = admin_title(gettext_noop("%(name)s Internationaal"))
admin.site.index_title = gettext_lazy("Beheer")

# Django's 404 page, telling the language switcher that the address matches no page.
handler404 = "core.views.page_not_found"

urlpatterns = [
    # One sign-in for the portal and the admin: throttled, with the second factor.
    path("admin/login/", LoginView.as_view()),
    path("api/v1/", include("api.urls")),
    re_path(r"^api/", api_not_found),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # The address registered at the identity provider: outside the language prefixes.
    path(
        "oidc/inloggen/", oidc.AuthenticationRequestView.as_view(), name="oidc_authentication_init"
    ),
    path(
        "oidc/callback/",
        oidc.AuthenticationCallbackView.as_view(),
        name="oidc_authentication_callback",
    ),
]

urlpatterns += i18n_patterns(
    # The public agenda first: its anonymous pages are served from a cache, and resolving past
    # every other app's patterns would cost more than serving the cached page (bench/agenda.py).
    path("", include("agenda.urls")),
    path("", include("core.urls")),
    path("", include("portal.urls")),
    path("inloggen/", LoginView.as_view(), name="login"),
    path("uitloggen/", oidc.LogoutView.as_view(), name="logout"),
    path("", include("accounts.urls")),
    path("", include("proposals.urls")),
    path("", include("networks.urls")),
    path("", include("partnercity.urls")),
    path("", include("budget.urls")),
    path("", include("contacts.urls")),
    path("", include("notifications.urls")),
    path("", include("results.urls")),
    path("", include("projects.urls")),
    path("", include("representation.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
