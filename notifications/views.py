from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView
from django_ratelimit.decorators import ratelimit

from core.forms import ServiceFormMixin
from core.lists import PaginationMixin
from core.params import parse_id
from networks.models import Network, Theme

from . import services
from .constants import Topic
from .forms import PublicSubscriptionForm, SubscriptionForm, TimelineFilterForm
from .models import Subscriber, Subscription
from .timeline import entries, rows_for


class TimelineMixin:
    """The timeline rows the user may see, filtered by the query string."""

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            data = self.request.GET if self.request.GET else None
            self._filter_form = TimelineFilterForm(data, user=self.request.user)
        return self._filter_form

    def get_rows(self):
        return rows_for(self.request.user, self.get_filter_form().filters())


class TimelineView(TimelineMixin, PaginationMixin, ListView):
    """What changed across the portal, newest first (/wijzigingen/)."""

    template_name = "notifications/timeline.html"
    paginate_by = 50
    context_object_name = "rows"

    def get_queryset(self):
        rows = self.get_rows()
        return rows if rows is not None else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_filter_form()
        query = [
            (key, value)
            for key, value in self.request.GET.items()
            if key != self.page_kwarg and value
        ]
        context.update(
            entries=entries(context["object_list"], self.request.user),
            filterset={"form": form},
            is_filtered=bool(query),
            current_query=urlencode(query),
        )
        return context


# --- subscriptions of a signed-in user ---------------------------------------------------------


class SubscriptionListView(LoginRequiredMixin, ServiceFormMixin, FormView):
    """The user's own subscriptions: follow something, stop, download or erase them all."""

    template_name = "notifications/subscription_list.html"
    form_class = SubscriptionForm
    success_url = reverse_lazy("notifications:subscription-list")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if self.request.method == "GET":
            kwargs["initial"] = self.initial_from_query()
        return kwargs

    def initial_from_query(self):
        """?thema=code, ?netwerk=slug or ?voorstel=pk from a 'volgen' link on a page."""
        query = self.request.GET
        if query.get("thema"):
            return {
                "topic": Topic.THEME,
                "theme": Theme.objects.filter(code=query["thema"]).first(),
            }
        if query.get("netwerk"):
            network = Network.objects.visible_to(self.request.user).filter(slug=query["netwerk"])
            return {"topic": Topic.NETWORK, "network": network.first()}
        proposal = parse_id(query.get("voorstel"))
        if proposal is not None:
            return {"topic": Topic.PROPOSAL, "proposal": proposal}
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["subscriptions"] = Subscription.objects.filter(
            subscriber__user=self.request.user
        ).select_related("theme", "network", "proposal", "proposal__council_proposal")
        return context

    def perform(self, form):
        data = form.cleaned_data
        self.subscription = services.subscribe_user(
            self.request.user,
            data["topic"],
            data["frequency"],
            theme=data["theme"],
            network=data["network"],
            proposal=data["proposal"],
        )

    def get_success_message(self, cleaned_data):
        return _("U volgt nu %(subject)s (%(frequency)s).") % {
            "subject": self.subscription.subject,
            "frequency": self.subscription.get_frequency_display().lower(),
        }


@login_required
@require_POST
def subscription_delete(request, pk):
    subscription = get_object_or_404(Subscription, pk=pk, subscriber__user=request.user)
    subscription.delete()
    messages.success(
        request, _("U volgt %(subject)s niet meer.") % {"subject": subscription.subject}
    )
    return redirect("notifications:subscription-list")


@login_required
@require_POST
def subscription_delete_all(request):
    subscriber = Subscriber.objects.filter(user=request.user).first()
    if subscriber is not None:
        services.unsubscribe(subscriber)
    messages.success(request, _("Al uw abonnementen zijn verwijderd."))
    return redirect("notifications:subscription-list")


@login_required
def subscription_data(request):
    """The user's own subscriptions as JSON (their right of access)."""
    response = JsonResponse(
        services.user_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-abonnementen.json"'
    return response


# --- the public: by e-mail address, confirmed by a link ------------------------------------------


@method_decorator(ratelimit(key="ip", rate="20/h", method="POST", block=False), name="post")
class PublicSubscribeView(FormView):
    """Subscribe an e-mail address; the answer is the same whether it was known or not."""

    template_name = "notifications/subscribe.html"
    form_class = PublicSubscriptionForm

    def get_initial(self):
        return {**super().get_initial(), "language": get_language() or settings.LANGUAGE_CODE}

    def form_valid(self, form):
        if getattr(self.request, "limited", False):
            form.add_error(None, _("Te veel aanmeldingen vanaf dit adres; probeer het later."))
            return self.form_invalid(form)
        data = form.cleaned_data
        services.subscribe_public(data["email"], data["topic"], data["frequency"], data["language"])
        return render(self.request, "notifications/subscribe_sent.html", {"email": data["email"]})


LINK_MESSAGES = {
    "invalid": gettext_lazy(
        "Deze link is niet geldig. Controleer of u de hele link uit de e-mail heeft gebruikt."
    ),
    "expired": gettext_lazy(
        "Deze bevestigingslink is verlopen. Meld u opnieuw aan; u krijgt dan een nieuwe link."
    ),
    "used": gettext_lazy(
        "Deze link is al gebruikt of vervangen door een nieuwere. Er is niets veranderd."
    ),
}


def link_problem(request, error):
    return render(
        request,
        "notifications/link_problem.html",
        {"message": LINK_MESSAGES[error.reason]},
        status=400 if error.reason == "invalid" else 410,
    )


def confirm(request, token):
    """Show a button (mail scanners follow links), and confirm on POST."""
    try:
        services.read_confirmation(token)
        if request.method == "POST":
            services.confirm(token)
            return render(request, "notifications/confirmed.html")
    except services.LinkError as error:
        return link_problem(request, error)
    return render(request, "notifications/confirm.html")


@csrf_exempt  # the signed token is the authority; mail programs post here (RFC 8058)
def unsubscribe(request, token):
    """Unsubscribe without logging in: a button on GET, done on POST (also one-click)."""
    try:
        subscriber = services.subscriber_for_unsubscribe(token)
    except services.LinkError as error:
        return link_problem(request, error)
    if request.method == "POST":
        services.unsubscribe(subscriber)
        return render(request, "notifications/unsubscribed.html")
    return render(request, "notifications/unsubscribe.html")
