from functools import cache

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from simple_history.admin import SimpleHistoryAdmin

from .forms import VERSION_FIELD, VersionedFormMixin, VersionField
from .models import Municipality, Signatory

# --- concurrent edits in the admin -------------------------------------------------------------


@cache
def versioned(form_class):
    """The form class with the version check of core.forms (one class per form, made once)."""
    if issubclass(form_class, VersionedFormMixin):
        return form_class
    return type(
        f"Versioned{form_class.__name__}",
        (VersionedFormMixin, form_class),
        {VERSION_FIELD: VersionField(), "__module__": __name__},
    )


class VersionedAdminMixin:
    """Admin change forms and inline rows refuse to save over a change made since loading.

    The admin saves in one transaction (changeform_view is atomic), so the form's row lock
    holds until the save. Put this mixin first in the ModelAdmin's or inline's bases.
    """

    @property
    def form(self):
        return versioned(super().form)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]


class VersionedModelAdmin(VersionedAdminMixin, admin.ModelAdmin):
    pass


class VersionedHistoryAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    pass


class VersionedTabularInline(VersionedAdminMixin, admin.TabularInline):
    pass


class VersionedStackedInline(VersionedAdminMixin, admin.StackedInline):
    pass


class SignatoryInline(VersionedTabularInline):
    model = Signatory
    extra = 0
    fields = ["role", "title", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(VersionedModelAdmin):
    list_display = ["name", "slug", "official_name", "city", "phone"]
    search_fields = ["name", "official_name"]
    inlines = [SignatoryInline]
    fieldsets = [
        (None, {"fields": ["slug", "name", "official_name", "portal_name", "adjective"]}),
        (
            "Adres",
            {
                "fields": [
                    "visiting_address",
                    "postal_address",
                    "postal_code",
                    "city",
                    "phone",
                    "email",
                    "website",
                ]
            },
        ),
        ("Huisstijl", {"fields": ["logo", "colour_primary", "colour_accent"]}),
        ("Vergelijking", {"fields": ["size_class"]}),
        (
            "Raad en teksten",
            {"fields": ["agenda_body", "meeting_body", "texts"]},
        ),
    ]
