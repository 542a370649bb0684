"""Requests the database cannot take: refused with a Dutch message, never a 500."""

from django.http import HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext as _


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
