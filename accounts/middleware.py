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


# --- a second factor also for sessions that began without one ---------------------------------

# When the session's user was last found not to need a second factor (a Unix time).
SECOND_FACTOR_CHECKED = "_second_factor_checked"
# How long that answer holds before it is asked again (a role may be granted meanwhile).
SECOND_FACTOR_RECHECK_SECONDS = 300
OIDC_BACKEND = "accounts.oidc.RoleMappingBackend"


def session_passed_second_factor(session):
    """Whether the session's sign-in gave a code (django-otp) or came through the provider."""
    from django.contrib.auth import BACKEND_SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY

    return bool(session.get(DEVICE_ID_SESSION_KEY)) or session.get(BACKEND_SESSION_KEY) == (
        OIDC_BACKEND
    )


class SecondFactorMiddleware:
    """Sign out a session without a second factor whose user now needs one.

    The sign-in asks for the code, but a session that began before two-factor was required (or
    before the user got a role that requires it) would otherwise keep reaching the admin and the
    staff pages on the password alone. Such a session is ended and the user signs in again, with
    the code. Whether a user needs it is asked at sign-in and then at most every few minutes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if (
            user is not None
            and session is not None
            and user.is_authenticated
            and not session_passed_second_factor(session)
            and time.time() - session.get(SECOND_FACTOR_CHECKED, 0) >= SECOND_FACTOR_RECHECK_SECONDS
        ):
            from . import twofactor

            if twofactor.second_factor_required(user):
                return self.sign_in_again(request)
            session[SECOND_FACTOR_CHECKED] = int(time.time())
        return self.get_response(request)

    @staticmethod
    def sign_in_again(request):
        from django.conf import settings
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.contrib.auth.views import redirect_to_login
        from django.utils.translation import gettext as _

        logout(request)
        messages.info(
            request,
            _(
                "Voor uw rol is tweestapsverificatie verplicht. Log opnieuw in; daarna vraagt het "
                "portaal om de code uit uw app."
            ),
        )
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


def check_second_factor_at_login(sender, request, user, **kwargs):
    """A sign-in that needs no second factor is not asked again for a few minutes."""
    from . import twofactor

    session = getattr(request, "session", None)
    if session is None or session_passed_second_factor(session):
        return
    if not twofactor.second_factor_required(user):
        session[SECOND_FACTOR_CHECKED] = int(time.time())
