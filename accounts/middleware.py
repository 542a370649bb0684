import time

# Extend a session at most this often, so that a page view does not always write the session.
SESSION_REFRESH_SECONDS = 300


class IdleSessionMiddleware:
    """End a signed-in session after SESSION_COOKIE_AGE without a request, not after a fixed time.

    A session expires SESSION_COOKIE_AGE after it was last saved; saving it again every few
    minutes of activity keeps it alive while the user works.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            if time.time() - session.get(LAST_ACTIVITY, 0) >= SESSION_REFRESH_SECONDS:
                mark_activity(session)
        return response


LAST_ACTIVITY = "_last_activity"


def mark_activity(session):
    """Record activity now; the changed session is saved with a new expiry."""
    session[LAST_ACTIVITY] = int(time.time())


def mark_activity_at_login(sender, request, user, **kwargs):
    """Count the login as activity, so that the first page after it does not save again."""
    mark_activity(request.session)
