from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import EffortResult, WorkPlan


@admin.register(WorkPlan)
class WorkPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "status", "adopted_on", "is_example"]
    list_filter = ["status", "is_example"]
    readonly_fields = ["is_example"]


@admin.register(EffortResult)
class EffortResultAdmin(SimpleHistoryAdmin):
    list_display = ["effort", "status", "status_date", "status_set_by", "money_spent", "is_example"]
    list_filter = ["status", "effort__year", "is_example"]
    search_fields = ["effort__title", "summary", "evaluation"]
    list_select_related = ["effort", "status_set_by"]
    autocomplete_fields = ["effort", "organisation"]
    readonly_fields = ["status_set_by", "is_example"]

    def save_model(self, request, obj, form, change):
        if not change or "status" in form.changed_data:
            obj.status_set_by = request.user
        super().save_model(request, obj, form, change)
