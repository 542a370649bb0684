"""The options of the agenda's searchable selects (core/select.py): the event form's behind its
permission (adding or changing an event); the public filter's for everyone, with only public
networks and partner cities that have a published event (agenda/filters.py)."""

from core.select import OptionsView

from .filters import EventFilter
from .forms import EventForm


class EventFormOptions(OptionsView):
    form_class = EventForm
    permission_required = ("agenda.add_event", "agenda.change_event")


class EventFilterOptions(OptionsView):
    filterset_class = EventFilter
