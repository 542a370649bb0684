"""The options of the event form's searchable selects (core/select.py), behind the form's
permission (adding or changing an event)."""

from core.select import OptionsView

from .forms import EventForm


class EventFormOptions(OptionsView):
    form_class = EventForm
    permission_required = ("agenda.add_event", "agenda.change_event")
