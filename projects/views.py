from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import F
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core.forms import EditTransactionMixin
from core.lists import FilteredListMixin
from networks.models import Effort, Network

from .filters import ProjectFilter
from .forms import ProjectForm
from .models import Project


class ProjectListView(FilteredListMixin, ListView):
    """EU projects and grants; those who edit them see the upcoming deadlines first."""

    template_name = "projects/project_list.html"
    context_object_name = "projects"
    filterset_class = ProjectFilter
    paginate_by = 50

    def get_base_queryset(self):
        queryset = Project.objects.visible_to(self.request.user).with_relations()
        if self.request.user.has_perm("projects.change_project"):
            return queryset.order_by(F("deadline").asc(nulls_last=True), "-year", "title")
        return queryset.order_by("-year", "title")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("projects.change_project"):
            context["deadlines"] = list(
                Project.objects.visible_to(self.request.user)
                .upcoming_deadlines(timezone.localdate())
                .select_related("programme")[:10]
            )
        return context


class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return (
            Project.objects.visible_to(self.request.user)
            .select_related("programme", "programme__family")
            .prefetch_related("partners", "themes")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        project = self.object
        context.update(
            efforts=list(
                Effort.objects.visible_to(user).filter(eu_projects=project).order_by("-year")
            ),
            networks=list(Network.objects.visible_to(user).filter(eu_projects=project)),
            history=list(project.history.select_related("history_user")[:20])
            if user.has_perm("projects.change_project")
            else [],
        )
        return context


class ProjectEditMixin(EditTransactionMixin, PermissionRequiredMixin, SuccessMessageMixin):
    form_class = ProjectForm
    template_name = "results/form.html"
    success_message = _("Het project is opgeslagen.")


class ProjectCreateView(ProjectEditMixin, CreateView):
    permission_required = "projects.add_project"
    extra_context = {
        "heading": _("EU-project toevoegen"),
        "cancel_url": reverse_lazy("projects:project-list"),
    }


class ProjectUpdateView(ProjectEditMixin, UpdateView):
    permission_required = "projects.change_project"
    model = Project

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=_("EU-project wijzigen: %(project)s") % {"project": self.object},
            cancel_url=self.object.get_absolute_url(),
            history=list(self.object.history.select_related("history_user")[:20]),
        )
        return context
