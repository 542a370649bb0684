from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Mandate, OfficeHolder, Trip


@admin.register(OfficeHolder)
class OfficeHolderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "office", "party", "is_example"]
    list_filter = ["office", "is_example"]
    search_fields = ["name"]


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = ["body", "role", "network", "holder", "starts_on", "ends_on", "is_example"]
    list_filter = ["role", "network", "is_example"]
    search_fields = ["body", "holder_note"]
    list_select_related = ["network", "holder"]


@admin.register(Trip)
class TripAdmin(SimpleHistoryAdmin):
    list_display = ["title", "destination", "year", "starts_on", "costs", "is_example"]
    list_filter = ["year", "is_example", "visibility"]
    search_fields = ["title", "destination", "purpose"]
    filter_horizontal = ["participants", "networks", "efforts"]
