import django_filters
from django.utils.translation import gettext_lazy as _

from core.lists import BootstrapFilterSet
from core.municipality import current_municipality
from core.select import search

from .constants import MunicipalityRole, ProjectStatus
from .models import Programme, Project


class ProjectFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, empty_label=_("Alle statussen")
    )
    programma = django_filters.ModelChoiceFilter(
        label=_("Programma"),
        field_name="programme",
        queryset=Programme.objects.all(),
        empty_label=_("Alle programma's"),
    )
    rol = django_filters.ChoiceFilter(
        label=_("Rol van de gemeente"),
        field_name="role",
        choices=MunicipalityRole.choices,
        empty_label=_("Alle rollen"),
    )
    jaar = django_filters.NumberFilter(
        label=_("Jaar"), field_name="year", min_value=1990, max_value=2100
    )

    class Meta:
        model = Project
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = current_municipality().name
        self.filters["rol"].label = _("Rol van %(name)s") % {"name": name}

    def search(self, queryset, name, value):
        return search(queryset, ("title", "acronym", "description", "call"), value)
