from django.contrib import admin

from core.admin import VersionedHistoryAdmin, VersionedStackedInline, VersionedTabularInline

from .models import Activity, GrantAward, GrantScheme, PartnerCity, TwinningAssociation


class TwinningAssociationInline(VersionedStackedInline):
    model = TwinningAssociation
    extra = 0


class GrantSchemeInline(VersionedTabularInline):
    model = GrantScheme
    extra = 0
    fields = ["name", "yearly_ceiling"]
    show_change_link = True


@admin.register(PartnerCity)
class PartnerCityAdmin(VersionedHistoryAdmin):
    list_display = ["name", "country", "kind", "since_year", "since_note"]
    list_filter = ["country", "kind"]
    search_fields = ["name", "region", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TwinningAssociationInline, GrantSchemeInline]


@admin.register(TwinningAssociation)
class TwinningAssociationAdmin(VersionedHistoryAdmin):
    list_display = ["name", "partner_city", "status", "yearly_budget", "budget_from_year"]
    list_filter = ["status", "partner_city"]
    search_fields = ["name", "purpose"]


class GrantAwardInline(VersionedTabularInline):
    model = GrantAward
    extra = 0
    fields = ["year", "recipient", "purpose", "amount", "awarded_on"]


@admin.register(GrantScheme)
class GrantSchemeAdmin(VersionedHistoryAdmin):
    list_display = ["name", "partner_city", "yearly_ceiling"]
    list_filter = ["partner_city"]
    search_fields = ["name", "purpose"]
    inlines = [GrantAwardInline]


@admin.register(GrantAward)
class GrantAwardAdmin(VersionedHistoryAdmin):
    list_display = ["recipient", "scheme", "year", "amount", "awarded_on"]
    list_filter = ["year", "scheme"]
    search_fields = ["recipient", "purpose"]
    date_hierarchy = "awarded_on"


@admin.register(Activity)
class ActivityAdmin(VersionedHistoryAdmin):
    list_display = ["title", "partner_city", "kind", "year", "starts_on", "visibility"]
    list_filter = ["kind", "year", "partner_city", "visibility"]
    search_fields = ["title", "description"]
    list_select_related = ["partner_city"]
    autocomplete_fields = ["effort"]
