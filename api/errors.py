"""Errors as application/problem+json (RFC 9457), the form the NL GOV API Design Rules ask for.

Invalid input lists every bad parameter at once in `invalidParams`, each with its name, a code
and a reason in Dutch.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

PROBLEM = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    429: "Te veel verzoeken",
    500: "Interne fout",
}


def invalid_params(detail, prefix=""):
    """Flatten DRF's error detail into [{name, code, reason}]."""
    if isinstance(detail, dict):
        params = []
        for name, value in detail.items():
            key = f"{prefix}.{name}" if prefix else str(name)
            params.extend(invalid_params(value, key))
        return params
    if isinstance(detail, list):
        params = []
        for item in detail:
            params.extend(invalid_params(item, prefix))
        return params
    return [
        {"name": prefix or "nonFieldErrors", "code": getattr(detail, "code", "invalid"),
         "reason": str(detail)}
    ]  # fmt: skip


def problem(status_code, detail, request=None, **extra):
    body = {
        "type": "about:blank",
        "title": TITLES.get(status_code, _("Fout")),
        "status": status_code,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.get_full_path()
    body.update(extra)
    return body


def problem_exception_handler(exc, context):
    """DRF's handler, then the body rewritten as a problem."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    extra = {}
    if isinstance(exc, exceptions.ValidationError):
        params = invalid_params(exc.detail)
        names = ", ".join(dict.fromkeys(param["name"] for param in params))
        detail = f"Ongeldige parameters: {names}."
        extra["invalidParams"] = params
        response.status_code = status.HTTP_400_BAD_REQUEST
    elif isinstance(exc, exceptions.Throttled):
        detail = (
            f"Te veel verzoeken; probeer het over {exc.wait:.0f} seconden opnieuw."
            if exc.wait
            else "Te veel verzoeken."
        )
    elif isinstance(exc, exceptions.APIException):
        detail = str(exc.detail)
    else:
        detail = str(exc)
    response.data = problem(response.status_code, detail, request, **extra)
    response.content_type = PROBLEM
    return response


def problem_response(status_code, detail, request=None):
    """A problem outside DRF's views (an unknown API path)."""
    return JsonResponse(
        problem(status_code, detail, request),
        status=status_code,
        content_type=PROBLEM,
        json_dumps_params={"ensure_ascii": False},
    )


def not_found(request, *args, **kwargs):
    """Any other path under /api/: a 404 problem, also for a trailing slash (no redirect)."""
    return problem_response(404, "Deze resource bestaat niet.", request)
