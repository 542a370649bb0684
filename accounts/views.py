import io

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_otp import match_token

from core.forms import ServiceFormMixin

from . import oidc, twofactor
from .forms import LoginForm, TokenForm

FRESH_BACKUP_CODES = "accounts_fresh_backup_codes"


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


class LoginView(auth_views.LoginView):
    """Sign in with a password; accounts with a second factor are signed in only after it."""

    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(oidc_enabled=oidc.enabled(), **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        has_device = twofactor.has_second_factor(user)
        if not has_device and not twofactor.second_factor_required(user):
            return super().form_valid(form)
        twofactor.start_pending(self.request, user, self.get_success_url())
        return redirect("accounts:verify" if has_device else "accounts:setup")


def finish_sign_in(request, state, device):
    """Sign in the user whose password and code were right."""
    user = get_user_model().objects.get(pk=state["user"])
    user.otp_device = device  # django-otp records the device in the session at login
    request.session.pop(twofactor.PENDING, None)
    auth_login(request, user, backend=state["backend"])


class PendingSignInMixin:
    """The steps after the password: only with a recent, still pending sign-in."""

    def dispatch(self, request, *args, **kwargs):
        self.state = twofactor.pending(request)
        if self.state is None:
            messages.info(request, _("Log opnieuw in: de vorige poging is verlopen."))
            return redirect(settings.LOGIN_URL)
        self.user = get_user_model().objects.get(pk=self.state["user"])
        return super().dispatch(request, *args, **kwargs)


class VerifyView(PendingSignInMixin, FormView):
    """Second step of the sign-in: the code from the app or a backup code."""

    form_class = TokenForm
    template_name = "accounts/verify.html"

    def form_valid(self, form):
        device = match_token(self.user, form.cleaned_data["token"])
        if device is None:
            form.add_error(
                "token",
                _(
                    "Deze code klopt niet of is verlopen. Typ de code die uw app nu toont; "
                    "na een paar foute codes moet u even wachten."
                ),
            )
            return self.form_invalid(form)
        finish_sign_in(self.request, self.state, device)
        return redirect(self.state["next"])


class SetupUserMixin:
    """Setting up the app: during a sign-in that requires it, or later by a signed-in user."""

    def dispatch(self, request, *args, **kwargs):
        self.state = twofactor.pending(request)
        if self.state is not None:
            self.user = get_user_model().objects.get(pk=self.state["user"])
        elif request.user.is_authenticated:
            self.user = request.user
        else:
            return redirect(settings.LOGIN_URL)
        return super().dispatch(request, *args, **kwargs)


class SetupView(SetupUserMixin, ServiceFormMixin, FormView):
    """Link an authenticator app: scan the QR code (or type the key), confirm with a code."""

    form_class = TokenForm
    template_name = "accounts/setup.html"
    success_message = gettext_lazy("Tweestapsverificatie staat aan.")

    def get_context_data(self, **kwargs):
        device = twofactor.app_device_in_setup(self.user)
        return super().get_context_data(
            secret=twofactor.readable_secret(device),
            required=twofactor.second_factor_required(self.user),
            signing_in=self.state is not None,
            **kwargs,
        )

    def form_valid(self, form):
        self.device = twofactor.app_device_in_setup(self.user)
        if not self.device.verify_token(form.cleaned_data["token"]):
            form.add_error(
                "token",
                _("Deze code klopt niet. Controleer of de app de sleutel hierboven gebruikt."),
            )
            return self.form_invalid(form)
        return super().form_valid(form)

    def perform(self, form):
        codes = twofactor.confirm_app_device(self.device)
        if self.state is not None:
            finish_sign_in(self.request, self.state, self.device)
        self.request.session[FRESH_BACKUP_CODES] = codes

    def get_success_url(self):
        next_url = reverse("accounts:two-factor")
        if self.state is not None:
            next_url = f"{next_url}?next={self.state['next']}"
        return next_url


class QRCodeView(SetupUserMixin, View):
    """The QR code of the key being set up, as SVG from the portal itself (strict CSP)."""

    def get(self, request, *args, **kwargs):
        device = twofactor.app_device_in_setup(self.user)
        buffer = io.BytesIO()
        segno.make(device.config_url, error="m").save(
            buffer, kind="svg", scale=5, border=2, xmldecl=False
        )
        response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
        response["Cache-Control"] = "no-store"
        return response


class TwoFactorView(LoginRequiredMixin, TemplateView):
    """The signed-in user's second factor: switch it on or off, get new backup codes."""

    template_name = "accounts/two_factor.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        next_url = self.request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, {self.request.get_host()}, self.request.is_secure()
        ):
            next_url = ""
        return super().get_context_data(
            active=twofactor.has_second_factor(user),
            required=twofactor.second_factor_required(user),
            backup_codes=self.request.session.pop(FRESH_BACKUP_CODES, None),
            next_url=next_url,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        user = request.user
        if "backup_codes" in request.POST and twofactor.has_second_factor(user):
            request.session[FRESH_BACKUP_CODES] = twofactor.new_backup_codes(user)
            messages.success(request, _("Uw nieuwe reservecodes staan hieronder."))
        elif "switch_off" in request.POST:
            if twofactor.second_factor_required(user):
                messages.error(request, _("Voor uw rol is tweestapsverificatie verplicht."))
            else:
                twofactor.switch_off(user)
                messages.success(request, _("Tweestapsverificatie staat uit."))
        return redirect("accounts:two-factor")
