from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import VersionedHistoryAdmin, VersionedStackedInline, VersionedTabularInline

from .models import (
    Commitment,
    CouncilProposal,
    Decision,
    DecisionPoint,
    Motion,
    PointOutcome,
    ProcessStep,
    Proposal,
    Submission,
)


@admin.register(Motion)
class MotionAdmin(VersionedHistoryAdmin):
    list_display = ["title", "case_number", "adopted_on"]
    search_fields = ["title", "case_number", "summary"]
    date_hierarchy = "adopted_on"


class ProcessStepInline(VersionedTabularInline):
    model = ProcessStep
    extra = 0
    fields = ["position", "kind", "date", "title", "case_number"]


class DecisionPointInline(VersionedStackedInline):
    model = DecisionPoint
    extra = 0
    fields = ["number", "text", "amount", "outcome", "decided_on"]


class ProposalInline(VersionedTabularInline):
    model = Proposal
    extra = 0
    fields = ["number", "title", "owner", "status", "visibility"]
    show_change_link = True


@admin.register(CouncilProposal)
class CouncilProposalAdmin(VersionedHistoryAdmin):
    list_display = ["subject", "case_number", "status", "council_meeting_on", "visibility"]
    list_filter = ["status", "visibility"]
    search_fields = ["subject", "case_number", "background", "content"]
    inlines = [ProcessStepInline, ProposalInline, DecisionPointInline]


@admin.register(ProcessStep)
class ProcessStepAdmin(VersionedHistoryAdmin):
    list_display = ["title", "kind", "date", "case_number", "council_proposal"]
    list_filter = ["kind", "council_proposal"]
    search_fields = ["title", "case_number", "description"]


@admin.register(Proposal)
class ProposalAdmin(VersionedHistoryAdmin):
    list_display = ["number", "title", "owner", "status", "council_proposal", "visibility"]
    list_display_links = ["number", "title"]
    list_filter = ["status", "council_proposal", "themes", "visibility"]
    search_fields = ["title", "summary", "owner"]
    list_select_related = ["council_proposal"]
    filter_horizontal = ["themes", "networks", "efforts"]


@admin.register(DecisionPoint)
class DecisionPointAdmin(VersionedHistoryAdmin):
    list_display = ["number", "council_proposal", "amount", "outcome", "decided_on"]
    list_filter = ["outcome", "council_proposal"]
    search_fields = ["text"]
    list_select_related = ["council_proposal"]


# --- the council's decision (issue 13): recorded at /griffie/, read here ---------------------


class ReadOnlyMixin:
    """Shown in the admin, recorded elsewhere: the griffie's decision form keeps the outcomes,
    the proposals' statuses and the motion's follow-up in step, which the admin cannot."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PointOutcomeInline(ReadOnlyMixin, admin.TabularInline):
    model = PointOutcome
    extra = 0
    fields = ["decision_point", "outcome", "amended_text"]
    readonly_fields = fields


class SubmissionInline(ReadOnlyMixin, admin.TabularInline):
    model = Submission
    extra = 0
    fields = ["kind", "title", "submitted_by", "decision_point", "outcome", "votes_for"]
    readonly_fields = [*fields, "votes_against"]


class CommitmentInline(ReadOnlyMixin, admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["text", "owner", "due_on", "status"]
    readonly_fields = fields
    show_change_link = True


@admin.register(Decision)
class DecisionAdmin(ReadOnlyMixin, VersionedHistoryAdmin):
    list_display = ["number", "council_proposal", "meeting_on", "recorded_by", "griffie_link"]
    list_filter = ["council_proposal"]
    search_fields = ["number", "note", "council_proposal__case_number"]
    date_hierarchy = "meeting_on"
    list_select_related = ["council_proposal", "recorded_by"]
    readonly_fields = ["griffie_link"]
    inlines = [PointOutcomeInline, SubmissionInline, CommitmentInline]

    @admin.display(description=_("vastleggen"))
    def griffie_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', obj.get_absolute_url(), _("Wijzigen in het griffieformulier")
        )


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyMixin, VersionedHistoryAdmin):
    list_display = ["title", "kind", "outcome", "votes_for", "votes_against", "decision"]
    list_filter = ["kind", "outcome"]
    search_fields = ["title", "submitted_by"]
    list_select_related = ["decision"]


@admin.register(Commitment)
class CommitmentAdmin(VersionedHistoryAdmin):
    """Toezeggingen may be followed up here too; the griffie uses /toezeggingen/."""

    list_display = ["__str__", "owner", "made_to", "due_on", "status", "visibility"]
    list_filter = ["status", "visibility", "council_proposal"]
    search_fields = ["text", "owner", "settled_how"]
    date_hierarchy = "due_on"
    list_select_related = ["council_proposal"]
    raw_id_fields = ["decision"]

    def view_on_site(self, obj):
        return reverse("proposals:commitment-update", kwargs={"pk": obj.pk})
