"""Who is signing in: the client's address, also behind the proxy that terminates TLS."""

from django.conf import settings


def client_ip(request):
    """Return the address of the client, not of a proxy in front of the portal.

    With TRUSTED_PROXY_COUNT proxies in front, the address the outermost trusted proxy saw is
    that many entries from the right of X-Forwarded-For; entries further left come from the
    client and could be made up, so they are never used.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
