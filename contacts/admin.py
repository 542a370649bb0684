from django.contrib import admin

from core.admin import (
    VersionedHistoryAdmin,
    VersionedModelAdmin,
    VersionedTabularInline,
    versioned,
)
from core.params import parse_id

from .constants import AccessAction
from .forms import OrganisationAdminForm
from .models import (
    AccessLog,
    Colleague,
    Department,
    ErasureRecord,
    GrantExpertise,
    GrantProgramme,
    Interaction,
    Language,
    Opportunity,
    Organisation,
    Person,
)
from .services import log_access, log_bulk_access


@admin.register(Organisation)
class OrganisationAdmin(VersionedHistoryAdmin):
    form = versioned(OrganisationAdminForm)  # the texts in three languages, with the version check
    list_display = ["name", "kind", "city", "country", "is_public_partner"]
    list_filter = ["kind", "country", "is_public_partner", "themes"]
    search_fields = ["name", "city"]
    filter_horizontal = ["themes", "networks", "efforts"]


@admin.register(Person)
class PersonAdmin(VersionedHistoryAdmin):
    list_display = ["last_name", "first_name", "organisation", "email", "review_on"]
    list_filter = ["purpose", "legal_basis", "languages"]
    search_fields = ["last_name", "first_name", "email", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["languages"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Reading a person in the admin is logged like reading them on the site."""
        if request.method == "GET":
            person = self.get_object(request, object_id)
            if person is not None:
                log_access(person, request.user, AccessAction.VIEWED_IN_ADMIN)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        """The history shows every earlier version of the person's data: logged too."""
        self.log_admin_view(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.log_admin_view(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        """The list shows names and e-mail addresses: one access per person on the page."""
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and request.method == "GET":
            log_bulk_access(
                [person.pk for person in changelist.result_list],
                request.user,
                AccessAction.VIEWED_IN_ADMIN,
            )
        return response

    def log_admin_view(self, request, object_id):
        if request.method == "GET":
            person = Person.objects.filter(pk=parse_id(str(object_id))).first()
            if person is not None:
                log_access(person, request.user, AccessAction.VIEWED_IN_ADMIN)


@admin.register(Interaction)
class InteractionAdmin(VersionedHistoryAdmin):
    list_display = ["occurred_on", "kind", "organisation", "person", "logged_by", "follow_up_on"]
    list_filter = ["kind", "occurred_on"]
    search_fields = ["summary", "organisation__name"]
    list_select_related = ["organisation", "person", "logged_by"]
    raw_id_fields = ["organisation", "person"]
    # Who logged it is whoever saves it: no link into the user admin, which the role can't open.
    readonly_fields = ["logged_by"]

    def save_model(self, request, obj, form, change):
        if not change and obj.logged_by_id is None:
            obj.logged_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Opportunity)
class OpportunityAdmin(VersionedHistoryAdmin):
    list_display = ["title", "kind", "status", "department", "assigned_to", "received_on"]
    list_filter = ["status", "kind", "department", "theme"]
    search_fields = ["title", "description"]
    list_select_related = ["department", "assigned_to", "assigned_to__department"]
    raw_id_fields = ["from_organisation", "from_person"]
    readonly_fields = ["created_by"]

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Language)
class LanguageAdmin(VersionedModelAdmin):
    list_display = ["name", "code"]


@admin.register(Department)
class DepartmentAdmin(VersionedModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]


class GrantExpertiseInline(VersionedTabularInline):
    model = GrantExpertise
    extra = 1


@admin.register(Colleague)
class ColleagueAdmin(VersionedModelAdmin):
    list_display = ["name", "department", "job_title", "email"]
    list_filter = ["department"]
    search_fields = ["name"]
    list_select_related = ["department"]
    inlines = [GrantExpertiseInline]


@admin.register(GrantProgramme)
class GrantProgrammeAdmin(VersionedModelAdmin):
    list_display = ["name", "code"]


@admin.register(GrantExpertise)
class GrantExpertiseAdmin(VersionedModelAdmin):
    list_display = ["programme", "colleague"]
    list_filter = ["programme", "themes"]
    list_select_related = ["programme", "colleague", "colleague__department"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Logs are written by the portal, never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "action", "person"]
    list_filter = ["action"]
    list_select_related = ["user", "person"]


@admin.register(ErasureRecord)
class ErasureRecordAdmin(ReadOnlyAdmin):
    list_display = ["erased_at", "erased_by", "reason"]
