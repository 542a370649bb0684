"""Two-factor sign-in for local accounts (django-otp): who needs it and how a device is set up.

Administrators and the roles in TWO_FACTOR_REQUIRED_ROLES must use a second factor; anybody else
may switch it on. A sign-in through the municipality's identity provider (OIDC) never asks for
it here: the provider does.
"""

import time
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Authenticator-app"
BACKUP_DEVICE_NAME = "Reservecodes"
BACKUP_CODE_COUNT = 10

PENDING = "accounts_pending_sign_in"
# The second step must follow the password within this many seconds.
PENDING_SECONDS = 600


def second_factor_required(user):
    """Whether this local account may only sign in with a second factor."""
    return (
        user.is_superuser
        or user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_ROLES).exists()
    )


def has_second_factor(user):
    """Whether the user has a confirmed device, and so is asked for a code at sign-in."""
    return user_has_device(user, confirmed=True)


def app_device_in_setup(user):
    """Return the authenticator device being set up for the user, making one if needed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def readable_secret(device):
    """The device's key as base32 in groups of four, to type into an app instead of scanning."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_app_device(device):
    """Confirm a device whose first code was right; replace the old ones; return backup codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(device.user)


@transaction.atomic
def demo_app_device(user):
    """A confirmed app key for a demo user (the demo command prints it; DEBUG only)."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)


def new_backup_codes(user, count=BACKUP_CODE_COUNT):
    """Replace the user's single-use backup codes and return the new ones."""
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME)
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


@transaction.atomic
def switch_off(user):
    """Remove every device of the user."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def start_pending(request, user, next_url):
    """Remember, between the password and the code, who is signing in (not yet signed in)."""
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "since": int(time.time()),
    }


def pending(request):
    """Return the pending sign-in, or None when there is none or it is too old."""
    state = request.session.get(PENDING)
    if not state or time.time() - state["since"] > PENDING_SECONDS:
        return None
    return state
