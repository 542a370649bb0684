from urllib.parse import urlencode

from django.views.generic import ListView

from .forms import TimelineFilterForm
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


class TimelineView(TimelineMixin, ListView):
    """What changed across the portal, newest first (/wijzigingen/)."""

    template_name = "notifications/timeline.html"
    paginate_by = 50
    page_kwarg = "pagina"
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
