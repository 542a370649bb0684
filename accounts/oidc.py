"""Sign-in through the municipality's identity provider (OpenID Connect, mozilla-django-oidc).

Configured from the environment (settings.OIDC_*). The provider's endpoints come from its
discovery document (OIDC_OP_DISCOVERY_URL), fetched when first needed, or are set one by one.
The roles come from one claim (OIDC_ROLE_CLAIM, e.g. groups) through OIDC_ROLE_MAP and are set
again at every sign-in: a person without a mapped group has no staff rights.
"""

import logging
import time
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _
from mozilla_django_oidc import auth, views

log = logging.getLogger(__name__)

ADMINISTRATOR = "beheerder"
DISCOVERY_SECONDS = 3600

# setting -> key in the provider's discovery document
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}

_discovery = {}


def enabled():
    return bool(settings.OIDC_RP_CLIENT_ID)


def discovery_document():
    """The provider's configuration, cached for an hour."""
    url = settings.OIDC_OP_DISCOVERY_URL
    cached = _discovery.get(url)
    if cached and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
        return cached[1]
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    document = response.json()
    _discovery[url] = (time.monotonic(), document)
    return document


def setting(name, *default):
    """A setting for mozilla-django-oidc, an endpoint from discovery when it is not set."""
    value = getattr(settings, name, None)
    if not value and name in DISCOVERED and settings.OIDC_OP_DISCOVERY_URL:
        value = discovery_document().get(DISCOVERED[name])
    if value is None or value == "":
        return default[0] if default else value
    return value


def roles_from_claims(claims):
    """The portal roles the provider's claim names, through OIDC_ROLE_MAP."""
    values = claims.get(settings.OIDC_ROLE_CLAIM) or []
    if isinstance(values, str):
        values = values.split()
    return {settings.OIDC_ROLE_MAP[value] for value in values if value in settings.OIDC_ROLE_MAP}


class RoleMappingBackend(auth.OIDCAuthenticationBackend):
    """Create or update the person's account from the provider's claims, roles included."""

    def __init__(self, *args, **kwargs):
        # The endpoints are looked up when a sign-in needs them, not for every password sign-in.
        self.UserModel = get_user_model()

    get_settings = staticmethod(setting)

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: setting("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: setting("OIDC_OP_JWKS_ENDPOINT", None))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = property(lambda self: None)

    def authenticate(self, request, **kwargs):
        if not enabled() or request is None or "code" not in request.GET:
            return None
        return super().authenticate(request, **kwargs)

    def get_userinfo(self, access_token, id_token, payload):
        # Some providers (Entra ID) put the groups in the ID token, not in the userinfo.
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def verify_claims(self, claims):
        return bool(claims.get("sub")) and bool(self.username_from(claims))

    @staticmethod
    def username_from(claims):
        return claims.get(settings.OIDC_USERNAME_CLAIM) or claims.get("email") or claims["sub"]

    def filter_users_by_claims(self, claims):
        """Only accounts made by this backend (no password): never take over a local account."""
        users = self.UserModel.objects.filter(username=self.username_from(claims))
        return [user for user in users if not user.has_usable_password()]

    @transaction.atomic
    def create_user(self, claims):
        username = self.username_from(claims)
        if self.UserModel.objects.filter(username=username).exists():
            log.warning("OIDC sign-in refused: a local account has the user name %s.", username)
            return None
        user = self.UserModel(username=username)
        user.set_unusable_password()
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        roles = roles_from_claims(claims)
        user.email = claims.get("email", "")
        user.first_name = claims.get("given_name", "")[:150]
        user.last_name = claims.get("family_name", "")[:150]
        user.is_superuser = ADMINISTRATOR in roles
        user.is_staff = bool(roles)
        user.save()
        user.groups.set(Group.objects.filter(name__in=roles - {ADMINISTRATOR}))
        return user


class OIDCViewMixin:
    get_settings = staticmethod(setting)

    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class AuthenticationRequestView(OIDCViewMixin, views.OIDCAuthenticationRequestView):
    """Send the browser to the provider."""

    def __init__(self, *args, **kwargs):
        super(views.OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    @property
    def OIDC_OP_AUTH_ENDPOINT(self):  # noqa: N802 (the name mozilla-django-oidc reads)
        return setting("OIDC_OP_AUTHORIZATION_ENDPOINT")

    @property
    def OIDC_RP_CLIENT_ID(self):  # noqa: N802
        return settings.OIDC_RP_CLIENT_ID


class AuthenticationCallbackView(OIDCViewMixin, views.OIDCAuthenticationCallbackView):
    """The provider sends the browser back here with a code."""

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Inloggen met uw gemeente-account is niet gelukt. Probeer het opnieuw of neem "
                "contact op met de functioneel beheerder."
            ),
        )
        return redirect(settings.LOGIN_URL)


class LogoutView(views.OIDCLogoutView):
    """Sign out of the portal and, after an OIDC sign-in, of the provider where it can."""

    get_settings = staticmethod(setting)


def provider_logout_url(request):
    """Where to go after signing out: the provider's end-session endpoint, else the portal."""
    back = resolve_url(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    if not (id_token and enabled()):
        return back
    endpoint = setting("OIDC_OP_LOGOUT_ENDPOINT")
    if not endpoint:
        return back
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(back),
        }
    )
    return f"{endpoint}?{query}"
