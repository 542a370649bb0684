from django.contrib import admin

from core.admin import VersionedHistoryAdmin, VersionedStackedInline, VersionedTabularInline

from .models import CouncilProposal, DecisionPoint, Motion, ProcessStep, Proposal


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
