from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView, TemplateView

from contacts.models import PARTNER_ORDER, PARTNERS_PER_PAGE, Organisation
from core.forms import EditTransactionMixin, ServiceFormMixin
from core.languages import alternate_links
from core.lists import PaginationMixin
from core.municipality import current_municipality

from .cards import embed_rows, event_cards, kept_cards
from .choices import filter_choices
from .constants import SOURCE_LANGUAGE, TARGET_LANGUAGES, DatePrecision, TranslationState
from .filters import EventFilter
from .forms import EventForm
from .ical import build_calendar
from .models import Event
from .services import publish_event, save_event, unpublish_event


def public_events(request):
    """What a visitor may see on the agenda pages: published events, and drafts for staff."""
    return Event.objects.visible_to(request.user).with_relations()


class AgendaPageMixin:
    """The page in the other languages, and the language, for every public agenda page."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["alternates"] = alternate_links(self.request)
        context["language"] = get_language()
        return context


class EventListView(AgendaPageMixin, ListView):
    """The upcoming events, with filters; past events are in the archive."""

    template_name = "agenda/event_list.html"
    context_object_name = "events"
    paginate_by = 20
    archive = False
    cards = True  # the rows as cards (agenda.cards), else as the embedded agenda's rows

    def base_queryset(self):
        events = public_events(self.request)
        return events.past() if self.archive else events.upcoming()

    def get_queryset(self):
        base = self.base_queryset()
        filters = self.request.GET.copy()
        filters.pop("page", None)  # a page of the unfiltered agenda is not a filter
        self.filterset = EventFilter(
            filters or None,
            queryset=base,
            choices=filter_choices(self.request.user, past=self.archive),
            request=self.request,
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return base.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.request.GET.copy()
        filters.pop("page", None)
        query = filters.urlencode()
        feed_query = f"?{query}" if query else ""
        calendar_url = self.request.build_absolute_uri(reverse("agenda:calendar-feed") + feed_query)
        context.update(
            filterset=self.filterset,
            archive=self.archive,
            feed_query=feed_query,
            calendar_url=calendar_url,
            webcal_url="webcal://" + calendar_url.split("://", 1)[1],
        )
        ids = list(context["events"].values_list("pk", flat=True))
        context["rows"] = kept_cards(ids, event_cards if self.cards else embed_rows)
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class EventArchiveView(EventListView):
    archive = True


class EventEmbedView(EventListView):
    """The upcoming events for the municipal website to place in an iframe: the agenda's
    filters and languages, without the portal's header, menu or any script."""

    template_name = "agenda/event_embed.html"
    paginate_by = 10
    cards = False


def embeddable(view):
    """Let the sites in EMBED_ALLOWED_ORIGINS frame this view, and no other view: CSP
    frame-ancestors names them, and X-Frame-Options (which cannot name several sites) is left
    off this page when there are any. The page cache keeps both decisions on a hit."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        origins = list(settings.EMBED_ALLOWED_ORIGINS)
        if origins:
            response._csp_replace = {"frame-ancestors": ["'self'", *origins]}
            response.xframe_options_exempt = True
        return response

    return wrapped


class EventDetailView(AgendaPageMixin, DetailView):
    template_name = "agenda/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        # One event: its network and partner city joined (then not prefetched).
        return public_events(self.request).select_related("network", "partner_city")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        context["structured_data"] = structured_data(event, self.request)
        context["is_over"] = event.is_over()
        return context


def structured_data(event, request):
    """schema.org Event for search engines: only for a published event whose day and place are
    known (an Event claims a date and needs a location; the 2018 archive knows only the year)."""
    if not event.is_public() or not event.is_calendar_ready():
        return None
    if not (event.location_parts() or event.country):
        return None
    zone = timezone.get_current_timezone()
    start = timezone.localtime(event.starts_at, zone)
    all_day = event.date_precision == DatePrecision.DAY
    page = request.build_absolute_uri(event.get_absolute_url())
    address = {"@type": "PostalAddress"}
    if event.address:
        address["streetAddress"] = event.address
    if event.city:
        address["addressLocality"] = event.city
    if event.country:
        address["addressCountry"] = event.country
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.text,
        "startDate": start.date().isoformat() if all_day else start.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": page,
        "inLanguage": get_language(),
        "location": {
            "@type": "Place",
            "name": event.venue or event.city or event.country_name(),
            "address": address,
        },
        "organizer": {
            "@type": "Organization",
            "name": event.organiser_name(),
            "url": organiser_url(event) or page,
        },
    }
    if event.ends_at:
        end = timezone.localtime(event.ends_at, zone)
        data["endDate"] = end.date().isoformat() if all_day else end.isoformat()
    if event.website:
        data["sameAs"] = event.website
    return data


def organiser_url(event):
    """The organiser's website: a public partner of that name, else the event's own website."""
    partner = (
        Organisation.objects.public_partners()
        .filter(name__iexact=event.organiser_name(SOURCE_LANGUAGE))
        .exclude(website="")
        .values_list("website", flat=True)
        .first()
    )
    return partner or event.website


class PartnerListView(AgendaPageMixin, PaginationMixin, ListView):
    """The local organisations that work internationally and are marked public in the contact
    registry (proposal 7). Only public partners, for every visitor: this is the public page.
    A page at a time (issue 17: the list grows with the registry)."""

    template_name = "agenda/partner_list.html"
    context_object_name = "partners"
    paginate_by = PARTNERS_PER_PAGE

    def get_queryset(self):
        from networks.models import Network, Theme

        return (
            Organisation.objects.public_partners()
            .with_activities_in(get_language())
            .prefetch_related(
                Prefetch("themes", queryset=Theme.objects.order_by("kind", "position")),
                Prefetch("networks", queryset=Network.objects.public().order_by("name")),
            )
            .order_by(*PARTNER_ORDER)
        )


# --- feeds -------------------------------------------------------------------------------------


def feed_events(request):
    """The published events of the filter in the query string; a bad value raises a 400."""
    events = Event.objects.published().with_relations()
    filterset = EventFilter(request.GET or None, queryset=events, request=request)
    if filterset.is_bound and not filterset.is_valid():
        raise FeedFilterError(filterset.error_summary())
    return filterset.qs


class FeedFilterError(Exception):
    pass


def bad_filter_response(error):
    message = _("Dit filter bestaat niet. %(details)s") % {"details": error}
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def calendar_feed(request):
    """The agenda (or a filter of it) as an iCalendar feed to subscribe to."""
    try:
        events = feed_events(request).for_calendar().in_feed_window().order_by("starts_at", "pk")
    except FeedFilterError as error:
        return bad_filter_response(error)
    municipality = current_municipality()
    name = _("Internationale agenda van %(name)s") % {"name": municipality.name}
    response = HttpResponse(
        build_calendar(events, request, name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{municipality.slug}-internationaal.ics"'
    return response


def event_calendar(request, slug):
    """One published event as an .ics download, to add it to a calendar."""
    event = get_object_or_404(Event.objects.published().prefetch_related("translations"), slug=slug)
    if not event.is_calendar_ready():
        raise Http404(_("Van dit evenement is de dag niet bekend."))
    events = Event.objects.filter(pk=event.pk)
    response = HttpResponse(
        build_calendar(events, request, event.title), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


# --- editing -----------------------------------------------------------------------------------


class EventManageListView(PermissionRequiredMixin, PaginationMixin, ListView):
    """Every event, drafts included, for the accountmanager and the communications adviser."""

    permission_required = "agenda.change_event"
    template_name = "agenda/event_manage_list.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        return Event.objects.with_relations().order_by("-starts_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = timezone.now()
        return context


class TranslationListView(PermissionRequiredMixin, TemplateView):
    """Events whose German or English text is missing or older than the Dutch."""

    permission_required = "agenda.change_event"
    template_name = "agenda/translation_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for event in Event.objects.prefetch_related("translations").order_by("-starts_at"):
            states = {code: event.translation_state(code) for code in TARGET_LANGUAGES}
            if any(state != TranslationState.CURRENT for state in states.values()):
                rows.append({"event": event, "states": states})
        context.update(rows=rows, languages=TARGET_LANGUAGES, current=TranslationState.CURRENT)
        return context


class EventFormView(EditTransactionMixin, PermissionRequiredMixin, ServiceFormMixin, FormView):
    template_name = "agenda/event_form.html"
    form_class = EventForm

    def get_permission_required(self):
        return ["agenda.change_event" if self.kwargs.get("slug") else "agenda.add_event"]

    @cached_property
    def event(self):
        """The event being edited, loaded only after the permission check (a missing and a draft
        slug look the same to a visitor without the right)."""
        slug = self.kwargs.get("slug")
        if not slug:
            return None
        return get_object_or_404(Event.objects.prefetch_related("translations"), slug=slug)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.event
        return kwargs

    success_message = gettext_lazy("Het evenement is opgeslagen.")

    def perform(self, form):
        return save_event(form, form.texts())

    def get_success_url(self):
        return reverse("agenda:event-manage-list") + f"#evenement-{self.object.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        return context


@require_POST
@login_required
@permission_required("agenda.change_event", raise_exception=True)
def change_publication(request, slug, publish):
    event = get_object_or_404(Event, slug=slug)
    if publish:
        try:
            event = publish_event(event)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("'%(title)s' staat nu in de openbare agenda.") % {"title": event}
            )
    else:
        event = unpublish_event(event)
        messages.success(request, _("'%(title)s' is niet meer openbaar.") % {"title": event})
    return redirect(reverse("agenda:event-manage-list") + f"#evenement-{event.pk}")


def publish(request, slug):
    return change_publication(request, slug, publish=True)


def unpublish(request, slug):
    return change_publication(request, slug, publish=False)
