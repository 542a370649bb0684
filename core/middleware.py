"""Requests the database cannot take: refused with a Dutch message, never a 500; the security
policy header of a plain response built once."""

import csp.constants
import csp.middleware
import csp.utils
from django.conf import settings
from django.http import HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext as _

from .memo import generation


def has_nul(request):
    """Say whether the path, a query parameter or a form field holds a NUL character."""
    if "\x00" in request.path:
        return True
    for params in (request.GET, request.POST if request.method == "POST" else QueryDict()):
        for key, values in params.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


class RejectNulMiddleware:
    """PostgreSQL cannot store or compare text with a NUL character (\\x00); no visitor types one.

    Refuse such a request with a 400 that says so, instead of letting the database fail.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            return HttpResponseBadRequest(
                _(
                    "Het verzoek bevat een ongeldig teken (een NUL-teken). Laat het weg en "
                    "probeer het opnieuw."
                ),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, building the policy of a plain response once per process.

    A response that uses no nonce and changes nothing in the policy (no csp_update, csp_replace,
    csp_exempt... attribute) gets the headers of the settings alone, which django-csp built anew
    for every response: some 300 function calls (issue 17). Any other response, and every
    response with DEBUG on, goes through django-csp as it is.
    """

    def process_response(self, request, response):
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(name.startswith("_csp") for name in vars(response))
        ):
            return super().process_response(request, response)
        for header, policy, excluded in settings_policies():
            if header not in response and not request.path_info.startswith(excluded):
                response[header] = policy
        # As django-csp does: asking for a nonce after the header is written is an error.
        request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response


_policies = {}  # generation -> [(header, policy, excluded path prefixes)]: settings change it


def settings_policies():
    current = generation()
    built = _policies.get(current)
    if built is None:
        built = []
        for header, name, report_only in (
            (csp.constants.HEADER, "CONTENT_SECURITY_POLICY", False),
            (csp.constants.HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
        ):
            policy = csp.utils.build_policy(report_only=report_only)
            if policy:
                excluded = (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
                built.append((header, policy, tuple(excluded or ())))
        _policies.clear()
        _policies[current] = built
    return built
