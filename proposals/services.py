"""Exporting council documents and the yearly report: record the request, hand it to the
worker, render, reuse.

The request only builds the HTML (to know its content hash) and records the export; the worker
renders. An export of content that was rendered before reuses that PDF. When the broker is down
the export is kept as waiting and sent later by proposals.tasks.dispatch_waiting_exports.
"""

from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from . import documents
from .constants import CouncilProposalStatus, DecisionOutcome, DocumentKind, ExportStatus
from .documents.contexts import NOT_DECIDED_MESSAGE
from .models import Decision, DocumentExport, PointOutcome
from .rendering import find_reusable
from .tasks import dispatch_exports

EXPORT_PERMISSION = "proposals.export_documentexport"


@dataclass
class ExportOutcome:
    export: DocumentExport
    reused: bool = False

    @property
    def broker_down(self):
        """Say whether the export could not be sent and waits for the broker."""
        return self.export.status == ExportStatus.WAITING


def request_export(council_proposal, kind, user):
    """Record an export of a council document and send it to the worker.

    When a ready export was rendered from exactly the same content, its PDF is reused at once.
    """
    return record_export(
        kind, council_proposal.case_number, user, council_proposal=council_proposal
    )


def request_yearly_report(year, user):
    """Record an export of the yearly report of a year and send it to the worker, as above.

    Raises proposals.documents.DocumentNotFound (results.report.NoPlanForYear) when the year
    has no public plan.
    """
    return record_export(DocumentKind.YEARLY_REPORT, str(year), user, year=year)


def record_export(kind, key, user, **target):
    """Build the document (to know its content hash), then record the export: ready at once
    with the PDF of an earlier export of the same content, or waiting and sent to the worker.

    target names what it is made from: council_proposal=... or year=...
    """
    source = documents.build_document(kind, key)
    previous = find_reusable(kind, source.content_hash)
    now = timezone.now()
    with transaction.atomic():
        if previous is not None:
            export = DocumentExport.objects.create(
                **target,
                kind=kind,
                requested_by=user,
                requested_at=now,
                started_at=now,
                finished_at=now,
                status=ExportStatus.READY,
                content_hash=source.content_hash,
                file=previous.file.name,
                file_size=previous.file_size,
                page_count=previous.page_count,
                render_ms=0,
                reused_from=previous.reused_from or previous,
            )
            return ExportOutcome(export, reused=True)
        export = DocumentExport.objects.create(
            **target,
            kind=kind,
            requested_by=user,
            requested_at=now,
            status=ExportStatus.WAITING,
        )
        # Send what an earlier broker outage left waiting along with this one.
        waiting = list(
            DocumentExport.objects.waiting().exclude(pk=export.pk).values_list("pk", flat=True)
        )
        transaction.on_commit(partial(dispatch_exports, [export.pk, *waiting]))
    export.refresh_from_db()
    return ExportOutcome(export)


def export_message(export, reused=False):
    """The level and the Dutch text that say how an export request went."""
    name = export.label
    if reused:
        return "success", _(
            "De gegevens zijn niet veranderd sinds de vorige export van %(name)s: de bestaande "
            "PDF is opnieuw gebruikt."
        ) % {"name": name}
    if export.status == ExportStatus.WAITING:
        return "warning", _(
            "De wachtrij is nu niet bereikbaar. De export van %(name)s is bewaard als "
            "‘wacht op de wachtrij’ en wordt vanzelf verstuurd zodra de wachtrij weer werkt; u "
            "hoeft niets opnieuw te doen."
        ) % {"name": name}
    if export.status == ExportStatus.READY:
        return "success", _("De PDF van %(name)s is klaar om te downloaden.") % {"name": name}
    if export.status == ExportStatus.FAILED:
        return "danger", _("De PDF van %(name)s kon niet worden gemaakt: %(error)s") % {
            "name": name,
            "error": export.error,
        }
    return "info", _(
        "De export van %(name)s staat in de wachtrij. De status hieronder wordt vanzelf bijgewerkt."
    ) % {"name": name}


# --- the council's decision (issue 13) -----------------------------------------------------------


def record_decision(form, submissions, commitments, user):
    """Save a decision with its outcomes, the proposals' statuses, amendments, motions and
    toezeggingen: all of it or nothing, each change in the history under the user's name.

    The forms carry core's version check: a decision changed after the form was opened is
    refused before this runs, never silently overwritten.
    """
    council_proposal = form.council_proposal
    with transaction.atomic():
        decision = form.save(commit=False)
        decision.council_proposal = council_proposal
        decision.recorded_by = user
        decision.save()
        for point, outcome, text in form.point_results:
            PointOutcome.objects.update_or_create(
                decision=decision,
                decision_point=point,
                defaults={"outcome": outcome, "amended_text": text},
            )
            decided_on = None if outcome == DecisionOutcome.OPEN else decision.meeting_on
            if (point.outcome, point.decided_on) != (outcome, decided_on):
                point.outcome, point.decided_on = outcome, decided_on
                point.save(update_fields=["outcome", "decided_on"])
        for proposal, status in form.resulting_statuses.items():
            if proposal.status != status:
                proposal.status = status
                proposal.save(update_fields=["status"])
        submissions.instance = decision
        submissions.save()
        commitments.instance = decision
        for commitment in commitments.save(commit=False):
            commitment.council_proposal = council_proposal
            commitment.save()
        for commitment in commitments.deleted_objects:
            commitment.delete()
        settle_motion(council_proposal, decision, form.cleaned_data.get("motion_settled"))
        outcomes = [outcome for _point, outcome, _text in form.point_results]
        if outcomes and all(
            outcome not in (DecisionOutcome.OPEN, DecisionOutcome.POSTPONED) for outcome in outcomes
        ):
            if council_proposal.status != CouncilProposalStatus.DECIDED:
                council_proposal.status = CouncilProposalStatus.DECIDED
                council_proposal.save(update_fields=["status"])
    return decision


def settle_motion(council_proposal, decision, settled):
    """Record (or undo) that the motion the council proposal answers is settled by it."""
    motion = council_proposal.motion
    if motion is None or settled is None:
        return
    if settled and motion.settled_by_id != council_proposal.pk:
        motion.settled_by, motion.settled_on = council_proposal, decision.meeting_on
        motion.save(update_fields=["settled_by", "settled_on"])
    elif not settled and motion.settled_by_id == council_proposal.pk:
        motion.settled_by, motion.settled_on = None, None
        motion.save(update_fields=["settled_by", "settled_on"])


def with_decided(council_proposals):
    """Annotate `is_decided` (a meeting decided on it), so that a list asks once for all rows."""
    decided = Decision.objects.decided().filter(council_proposal=OuterRef("pk"))
    return council_proposals.annotate(is_decided=Exists(decided))


def export_blocked_reason(council_proposal, kind):
    """Return why a document cannot be exported yet, or None when it can."""
    if kind != DocumentKind.COUNCIL_DECISION:
        return None
    decided = getattr(council_proposal, "is_decided", None)
    if decided is None:
        decided = Decision.objects.latest_for(council_proposal) is not None
    return None if decided else str(NOT_DECIDED_MESSAGE)
