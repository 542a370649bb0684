"""The portal's URLs plus a trivial constant page, served by the same gunicorn for comparison."""

from django.http import HttpResponse, JsonResponse
from django.urls import path

from hengelo_intl.urls import urlpatterns as portal_urlpatterns

CONSTANT_PAGE = (
    b'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Constant</title>'
    b"</head><body><p>Een vaste pagina voor de benchmark.</p></body></html>"
)


def constant(request):
    return HttpResponse(CONSTANT_PAGE)


CONSTANT_JSON = {"count": 1, "next": None, "previous": None, "results": [{"naam": "Constant"}]}


def constant_json(request):
    """The yardstick of bench/api.py: a fixed JSON answer from the same server."""
    return JsonResponse(CONSTANT_JSON)


urlpatterns = [
    path("bench/constant/", constant),
    path("bench/constant.json", constant_json),
    *portal_urlpatterns,
]
