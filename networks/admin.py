from django.contrib import admin

from core.admin import VersionedHistoryAdmin, VersionedModelAdmin, VersionedTabularInline

from .models import Effort, Forum, Network, Theme, YieldKind


@admin.register(Theme)
class ThemeAdmin(VersionedHistoryAdmin):
    list_display = ["name", "kind", "position", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "description"]
    prepopulated_fields = {"code": ["name"]}


class ForumInline(VersionedTabularInline):
    model = Forum
    extra = 0
    fields = ["letter", "name", "theme_summary", "lead_city"]


@admin.register(Network)
class NetworkAdmin(VersionedHistoryAdmin):
    list_display = [
        "name",
        "annex_number",
        "represented_by",
        "role_administrative",
        "role_official",
        "role_participating",
        "visibility",
    ]
    list_filter = ["represented_by", "role_administrative", "role_official", "themes", "visibility"]
    search_fields = ["name", "full_name", "description", "theme_summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes"]
    inlines = [ForumInline]


@admin.register(Forum)
class ForumAdmin(VersionedHistoryAdmin):
    list_display = ["name", "network", "letter", "lead_city"]
    list_filter = ["network", "lead_city"]
    search_fields = ["name", "theme_summary", "lead_city"]
    filter_horizontal = ["themes"]


@admin.register(YieldKind)
class YieldKindAdmin(VersionedModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Effort)
class EffortAdmin(VersionedHistoryAdmin):
    list_display = ["number", "title", "year", "expected_yield", "lead", "network"]
    list_display_links = ["number", "title"]
    list_filter = ["year", "lead", "network", "yield_kinds", "themes", "visibility"]
    search_fields = ["title", "description", "expected_yield"]
    list_select_related = ["network"]
    filter_horizontal = ["themes", "yield_kinds"]
    autocomplete_fields = ["network", "forum", "carried_over_from"]
