from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def locked_out(request, original_response=None, credentials=None):
    """Tell who is locked out (django-axes) when they can try again and whom to ask.

    Every failed try during the lock-out starts the cool-off again, so it ends one cool-off
    after this request.
    """
    return render(
        request,
        "accounts/locked_out.html",
        {
            "unlock_at": timezone.localtime() + settings.AXES_COOLOFF_TIME,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "help_contact": settings.LOGIN_HELP_CONTACT,
        },
        status=429,
    )
