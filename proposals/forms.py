"""The griffie's decision form: one council meeting, every decision point and proposal at once."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedFormMixin

from .constants import DecisionOutcome, ProposalStatus, SubmissionKind
from .models import Commitment, Decision, DecisionPoint, Submission

# A proposal counts as adopted in any of these statuses.
ADOPTED_STATUSES = (ProposalStatus.ADOPTED, ProposalStatus.IN_PROGRESS, ProposalStatus.REALISED)
ADOPTING_OUTCOMES = (DecisionOutcome.ADOPTED, DecisionOutcome.AMENDED)
FOLLOWS = ""


def resulting_status(current, outcomes):
    """The status a proposal gets from the outcomes of the decision points it falls under."""
    if not outcomes:
        return current
    if any(outcome == DecisionOutcome.REJECTED for outcome in outcomes):
        return ProposalStatus.LAPSED
    if all(outcome in ADOPTING_OUTCOMES for outcome in outcomes):
        return current if current in ADOPTED_STATUSES else ProposalStatus.ADOPTED
    return current


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DecisionForm(VersionedFormMixin, forms.ModelForm):
    """The date and number of the raadsbesluit, the outcome per point and each proposal's status.

    The fields per decision point and per proposal are made from the council proposal, so that
    the griffie records the whole decision in one step. The version check (core) covers the
    outcomes and the proposals' statuses too, as they are fields of this form.
    """

    class Meta:
        model = Decision
        fields = ["meeting_on", "number", "note"]
        widgets = {"meeting_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, council_proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self._version_kwargs["council_proposal"] = council_proposal
        self.council_proposal = council_proposal
        self.instance.council_proposal = council_proposal
        # The date is checked in clean(), with a message that says why it is needed.
        self.fields["meeting_on"].required = False
        self.fields["number"].required = False
        self.points = list(
            DecisionPoint.objects.filter(council_proposal=council_proposal)
            .prefetch_related("proposals")
            .order_by("number")
        )
        self.proposals = list(council_proposal.proposals.order_by("number"))
        recorded = {}
        if self.instance.pk:
            recorded = {
                outcome.decision_point_id: outcome for outcome in self.instance.point_outcomes.all()
            }
        for point in self.points:
            outcome = recorded.get(point.pk)
            self.fields[self.outcome_field(point)] = forms.ChoiceField(
                label=_("Uitkomst van besluitpunt %(number)s") % {"number": point.number},
                choices=DecisionOutcome.choices,
                initial=outcome.outcome if outcome else DecisionOutcome.OPEN,
            )
            self.fields[self.amended_field(point)] = forms.CharField(
                label=_("Geamendeerde tekst van besluitpunt %(number)s") % {"number": point.number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=outcome.amended_text if outcome else "",
                help_text=_("Alleen bij ‘geamendeerd aangenomen’: de aangenomen tekst."),
            )
        for proposal in self.proposals:
            self.fields[self.status_field(proposal)] = forms.ChoiceField(
                label=_("Status van voorstel %(number)s") % {"number": proposal.number},
                choices=[(FOLLOWS, _("Volgt uit het besluit"))] + ProposalStatus.choices,
                required=False,
                initial=proposal.status if self.instance.pk else FOLLOWS,
            )
        motion = council_proposal.motion
        if motion is not None:
            self.fields["motion_settled"] = forms.BooleanField(
                label=_("Motie %(case)s (%(title)s) is met dit raadsvoorstel afgedaan")
                % {"case": motion.case_number, "title": motion.title},
                required=False,
                initial=motion.settled_by_id == council_proposal.pk,
            )

    @staticmethod
    def outcome_field(point):
        return f"point_{point.number}_outcome"

    @staticmethod
    def amended_field(point):
        return f"point_{point.number}_amended_text"

    @staticmethod
    def status_field(proposal):
        return f"proposal_{proposal.number}_status"

    def point_rows(self):
        """Per decision point: the point and its two fields, for the template."""
        return [
            (point, self[self.outcome_field(point)], self[self.amended_field(point)])
            for point in self.points
        ]

    def proposal_rows(self):
        return [(proposal, self[self.status_field(proposal)]) for proposal in self.proposals]

    def clean(self):
        cleaned = super().clean()
        outcomes = {}
        for point in self.points:
            outcome = cleaned.get(self.outcome_field(point), DecisionOutcome.OPEN)
            text = (cleaned.get(self.amended_field(point)) or "").strip()
            outcomes[point.pk] = outcome
            if outcome == DecisionOutcome.AMENDED and not text:
                self.add_error(
                    self.amended_field(point),
                    _("Geef de tekst van het besluitpunt zoals de raad het geamendeerd aannam."),
                )
            elif outcome != DecisionOutcome.AMENDED and text:
                self.add_error(
                    self.amended_field(point),
                    _(
                        "Alleen een geamendeerd aangenomen besluitpunt heeft een gewijzigde tekst; "
                        "kies ‘geamendeerd aangenomen’ of maak dit veld leeg."
                    ),
                )
        if not cleaned.get("meeting_on") and "meeting_on" not in self.errors:
            if any(outcome != DecisionOutcome.OPEN for outcome in outcomes.values()):
                message = _(
                    "Vul de datum van de raadsvergadering in: een uitkomst hoort bij een "
                    "vergadering."
                )
            else:
                message = _("Vul de datum van de raadsvergadering in.")
            self.add_error("meeting_on", message)
        # A missing number is the model's to say (Decision.clean()), once, at the field.
        self.point_results = [
            (point, outcomes[point.pk], (cleaned.get(self.amended_field(point)) or "").strip())
            for point in self.points
        ]
        self.resulting_statuses = self.check_statuses(cleaned, outcomes)
        return cleaned

    def check_statuses(self, cleaned, outcomes):
        """Work out each proposal's status; refuse a status the outcome contradicts."""
        points_of = {proposal.pk: [] for proposal in self.proposals}
        for point in self.points:
            for proposal in point.proposals.all():
                points_of.setdefault(proposal.pk, []).append(point)
        statuses = {}
        for proposal in self.proposals:
            chosen = cleaned.get(self.status_field(proposal)) or FOLLOWS
            points = points_of[proposal.pk]
            derived = resulting_status(proposal.status, [outcomes[p.pk] for p in points])
            status = derived if chosen == FOLLOWS else chosen
            blocking = [p for p in points if outcomes[p.pk] not in ADOPTING_OUTCOMES]
            if status in ADOPTED_STATUSES and blocking:
                point = blocking[0]
                self.add_error(
                    self.status_field(proposal),
                    _(
                        "Voorstel %(proposal)s kan niet ‘%(status)s’ zijn: besluitpunt %(point)s, "
                        "waar het onder valt, is ‘%(outcome)s’."
                    )
                    % {
                        "proposal": proposal.number,
                        "status": ProposalStatus(status).label.lower(),
                        "point": point.number,
                        "outcome": DecisionOutcome(outcomes[point.pk]).label.lower(),
                    },
                )
            statuses[proposal] = status
        return statuses


class SubmissionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Submission
        fields = [
            "kind",
            "title",
            "submitted_by",
            "decision_point",
            "outcome",
            "votes_for",
            "votes_against",
        ]
        error_messages = {
            "title": {"required": _("Vul de titel van het amendement of de motie in.")},
            "submitted_by": {"required": _("Vul in welke fracties het indienden.")},
            "outcome": {"required": _("Kies de uitkomst.")},
            "kind": {"required": _("Kies amendement of motie.")},
        }

    def __init__(self, *args, council_proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._version_kwargs["council_proposal"] = council_proposal
        self.fields["kind"].initial = SubmissionKind.AMENDMENT
        if council_proposal is not None:
            self.fields["decision_point"].queryset = council_proposal.decision_points.order_by(
                "number"
            )


class CommitmentForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["text", "made_to", "owner", "due_on", "visibility"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "due_on": DateInput()}
        error_messages = {"text": {"required": _("Vul de toezegging in.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Commitment.clean() says who is missing, once.
        self.fields["owner"].required = False


class CommitmentCreateForm(CommitmentForm):
    """A toezegging of its own, optionally about a council proposal."""

    class Meta(CommitmentForm.Meta):
        fields = ["text", "made_to", "owner", "due_on", "council_proposal", "visibility"]


class CommitmentUpdateForm(VersionedFormMixin, forms.ModelForm):
    """The griffie follows a toezegging up: its due date, and how and when it was settled."""

    class Meta:
        model = Commitment
        fields = [
            "text",
            "made_to",
            "owner",
            "due_on",
            "status",
            "settled_how",
            "settled_on",
            "visibility",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "settled_how": forms.Textarea(attrs={"rows": 3}),
            "due_on": DateInput(),
            "settled_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].required = False


class DecisionFormSetBase(forms.BaseInlineFormSet):
    def __init__(self, *args, council_proposal=None, **kwargs):
        self.council_proposal = council_proposal
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.form is SubmissionForm:
            kwargs["council_proposal"] = self.council_proposal
        return kwargs


SubmissionFormSet = forms.inlineformset_factory(
    Decision,
    Submission,
    form=SubmissionForm,
    formset=DecisionFormSetBase,
    extra=2,
    can_delete=True,
)
CommitmentFormSet = forms.inlineformset_factory(
    Decision,
    Commitment,
    form=CommitmentForm,
    formset=DecisionFormSetBase,
    extra=1,
    can_delete=True,
)
