from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import VersionedAdminMixin

from .constants import TARGET_LANGUAGES, TranslationState
from .models import Event


@admin.register(Event)
class EventAdmin(VersionedAdminMixin, TranslatableAdmin, SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "starts_at",
        "date_precision",
        "city",
        "country",
        "visibility",
        "is_example",
        "translation_status",
    ]
    list_filter = ["visibility", "date_precision", "country", "is_example", "network", "themes"]
    search_fields = [
        "translations__title",
        "translations__text",
        "translations__organiser",
        "city",
        "venue",
    ]
    list_select_related = ["network"]
    filter_horizontal = ["themes"]
    readonly_fields = ["uid", "sequence", "finishes_at", "created_at", "updated_at"]
    date_hierarchy = "starts_at"
    fieldsets = [
        (None, {"fields": ["title", "text", "organiser", "slug", "visibility", "is_example"]}),
        (_("Wanneer"), {"fields": ["date_precision", "starts_at", "ends_at", "finishes_at"]}),
        (_("Waar"), {"fields": ["venue", "address", "city", "country"]}),
        (
            _("Verband"),
            {"fields": ["website", "network", "themes", "partner_city", "effort"]},
        ),
        (_("Voor agenda-apps"), {"fields": ["uid", "sequence", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ("title",)}

    @admin.display(description=_("vertalingen"))
    def translation_status(self, obj):
        states = {code: obj.translation_state(code) for code in TARGET_LANGUAGES}
        return ", ".join(
            f"{code.upper()}: {state.label}"
            for code, state in ((c, TranslationState(s)) for c, s in states.items())
            if state != TranslationState.CURRENT
        ) or _("compleet")

    def save_model(self, request, obj, form, change):
        if change:
            obj.sequence += 1
        super().save_model(request, obj, form, change)
