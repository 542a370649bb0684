from django.conf import settings


class ApiVersionMiddleware:
    """Every answer under /api/ says the full API version (NL GOV ADR: API-Version header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
        return response
