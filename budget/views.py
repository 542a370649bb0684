import secrets
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    ListView,
    TemplateView,
    UpdateView,
)

from core.models import VisibilityModel
from core.templatetags.portal import format_euro
from core.views import FilteredListMixin
from proposals.models import Proposal

from .charts import Series, build_chart
from .constants import BenchmarkMeasure, LineCategory, SizeClass
from .figures import (
    BudgetBook,
    category_rows,
    council_scenarios,
    overview_blocks,
    proposal_outcomes,
    run_scenario,
    spec_from_scenario,
    year_span,
)
from .filters import BudgetLineFilter
from .forms import (
    BudgetLineForm,
    ProductBudgetForm,
    SavingsTargetForm,
    ScenarioChangeFormSet,
    ScenarioForm,
    StaffPositionForm,
)
from .models import (
    HOURS_PER_FTE,
    BenchmarkFigure,
    BenchmarkSource,
    BudgetLine,
    ProductBudget,
    SavingsTarget,
    Scenario,
    StaffPosition,
)
from .services import (
    ImportFileError,
    check_lines,
    export_lines,
    import_lines,
    read_upload,
    save_scenario,
)

HENGELO_SIZE_CLASS = SizeClass.UP_TO_100K
IMPORT_SESSION_KEY = "budget_import"


def link_for(obj, user):
    """The page of what an amount pays for, when the user may see it and the page exists."""
    if obj is None:
        return ""
    if isinstance(obj, VisibilityModel) and not obj.is_public():
        if not (user and user.is_authenticated):
            return ""
    try:
        return obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return ""


def attach_links(lines, user):
    """Give each line the address of what it pays for, or its own page; one reverse per target."""
    cache = {}
    for line in lines:
        own = line.get_absolute_url()
        target = line.paid_for
        if target is None:
            line.link_url, line.link_target = own, None
            continue
        key = (type(target), target.pk)
        if key not in cache:
            cache[key] = link_for(target, user)
        line.link_url = cache[key] or own
        line.link_target = target if cache[key] else None


def requested_year(request, years, default):
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        return default
    return year if year in years else default


class FinanceRequiredMixin(PermissionRequiredMixin):
    """Logged-in users without the right get a 403; anonymous visitors go to the login page."""

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise PermissionDenied(_("Alleen de afdeling financiën mag de begroting wijzigen."))
        return super().handle_no_permission()


def can_edit(user):
    return user.has_perm("budget.change_budgetline")


# --- charts -----------------------------------------------------------------------------------

CATEGORY_SERIES = [
    Series(LineCategory.STAFF, gettext_lazy("Personele inzet"), "series-staff"),
    Series(LineCategory.MEMBERSHIP, gettext_lazy("Lidmaatschappen"), "series-membership"),
    Series(LineCategory.ACTIVITIES, gettext_lazy("Activiteiten en reizen"), "series-activities"),
    Series(LineCategory.GRANTS, gettext_lazy("Subsidies en bijdragen"), "series-grants"),
]


def category_chart(book, years):
    return build_chart(
        "per-categorie",
        _("Begroting per jaar en per categorie"),
        _(
            "Gestapelde staven: per jaar het budget van de begrotingsproducten, verdeeld over "
            "personele inzet, lidmaatschappen, activiteiten en reizen, en subsidies."
        ),
        CATEGORY_SERIES,
        category_rows(book, years),
        stacked=True,
    )


SCENARIO_CLASSES = {
    "taakstelling-blijft": "series-kept",
    "taakstelling-ingetrokken": "series-withdrawn",
}


def committed_row(year):
    return year.fixed_costs + year.existing_staff + year.new_staff


def committed_chart(results, years, key="vastgelegd"):
    """Available per scenario next to what is committed: fixed costs, staff and new positions."""
    series = [
        Series(
            f"beschikbaar-{result.spec.key}",
            _("Beschikbaar (%(name)s)") % {"name": result.spec.name.lower()},
            SCENARIO_CLASSES.get(result.spec.key, "series-own"),
        )
        for result in results
    ]
    by_year = [result.by_year() for result in results]
    # One 'committed' series when the scenarios agree on it, else one per scenario.
    distinct = {tuple(committed_row(result[year]) for year in years) for result in by_year}
    committed = (
        [(Series("vastgelegd", _("Vastgelegd"), "series-committed"), by_year[0])]
        if len(distinct) <= 1
        else [
            (
                Series(
                    f"vastgelegd-{result.spec.key}",
                    _("Vastgelegd (%(name)s)") % {"name": result.spec.name.lower()},
                    f"series-committed committed-{index}",
                ),
                per_year,
            )
            for index, (result, per_year) in enumerate(zip(results, by_year, strict=True))
        ]
    )
    rows = {}
    for year in years:
        row = {
            item.key: per_year[year].total for item, per_year in zip(series, by_year, strict=True)
        }
        for item, per_year in committed:
            row[item.key] = committed_row(per_year[year])
        rows[year] = row
    return build_chart(
        key,
        _("Vastgelegd en beschikbaar per jaar"),
        _(
            "Staven per jaar: het beschikbare budget in elk scenario naast wat is vastgelegd "
            "(vaste lasten, bestaande personele inzet en de nieuwe functies)."
        ),
        series + [item for item, _per_year in committed],
        rows,
    )


# --- pages ------------------------------------------------------------------------------------


class BudgetPageMixin:
    section = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = self.section
        context["can_edit"] = can_edit(self.request.user)
        return context


def council_proposal_proposals(book, user):
    """The proposals of the council proposal that the savings target belongs to."""
    target = book.main_target
    proposals = Proposal.objects.visible_to(user).select_related("council_proposal")
    if target is not None and target.council_proposal_id:
        return list(proposals.filter(council_proposal_id=target.council_proposal_id))
    proposal_ids = {position.proposal_id for position in book.positions}
    return list(proposals.filter(pk__in=proposal_ids))


class OverviewView(BudgetPageMixin, TemplateView):
    """Every year's budget at a glance, how the council proposal's figures relate, and charts."""

    template_name = "budget/overview.html"
    section = "overview"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        book = BudgetBook()
        years = book.years
        attach_links(book.lines, self.request.user)
        results = [run_scenario(book, spec) for spec in council_scenarios()]
        staff_year = book.recorded_figure("personeel_resteert")
        cover_year = book.recorded_figure("incidentele_dekking")
        context.update(
            book=book,
            years=years,
            blocks=overview_blocks(book, years),
            summaries=[book.summary(year) for year in years],
            staff_summary=book.summary(staff_year.year) if staff_year else None,
            cover_summary=book.summary(cover_year.year) if cover_year else None,
            target=book.main_target,
            results=results,
            category_chart=category_chart(book, years),
            committed_chart=committed_chart(results, years),
        )
        return context


class DerivationView(BudgetPageMixin, TemplateView):
    """The council proposal's arithmetic, step by step, from the stored records."""

    template_name = "budget/derivation.html"
    section = "derivation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        book = BudgetBook()
        attach_links(book.lines, self.request.user)
        staff_figure = book.recorded_figure("personeel_resteert")
        cover_figure = book.recorded_figure("incidentele_dekking")
        default = staff_figure.year if staff_figure else (book.years[0] if book.years else None)
        year = requested_year(self.request, book.years, default)
        summary = book.summary(year) if year else None
        target = book.main_target
        positions_cost = book.new_positions_cost()
        context.update(
            book=book,
            year=year,
            summary=summary,
            target=target,
            after_target=(summary.staff_budget - target.amount) if summary and target else None,
            positions=book.positions,
            positions_cost=positions_cost,
            positions_fte=book.new_positions_fte(),
            room_after_withdrawal=(target.amount - positions_cost) if target else None,
            cover_summary=book.summary(cover_figure.year) if cover_figure else None,
            checks=[
                check
                for s in book.summaries.values()
                for check in (s.staff_check(), s.cover_check())
                if check.recorded is not None
            ],
        )
        for position in book.positions:
            position.link_url = link_for(position.proposal, self.request.user)
        return context


class ScenarioListView(BudgetPageMixin, TemplateView):
    """The council's choice side by side per year, its meaning for the nine proposals, and
    the finance department's own scenarios."""

    template_name = "budget/scenario_list.html"
    section = "scenarios"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        book = BudgetBook()
        years = book.years
        results = [run_scenario(book, spec) for spec in council_scenarios()]
        proposals = council_proposal_proposals(book, user)
        for proposal in proposals:
            proposal.link_url = link_for(proposal, user)
        outcomes = [proposal_outcomes(book, result, proposals) for result in results]
        own = [
            run_scenario(book, spec_from_scenario(scenario))
            for scenario in Scenario.objects.visible_to(user).with_changes()
        ]
        context.update(
            book=book,
            years=years,
            results=results,
            target=book.main_target,
            proposal_rows=list(zip(proposals, *outcomes, strict=True)) if outcomes else [],
            own_results=own,
            chart=committed_chart(results, years, key="scenarios"),
            can_add=user.has_perm("budget.add_scenario"),
        )
        return context


class ScenarioDetailView(BudgetPageMixin, DetailView):
    """A scenario of the finance department next to the council's two."""

    template_name = "budget/scenario_detail.html"
    section = "scenarios"
    context_object_name = "scenario"

    def get_queryset(self):
        return (
            Scenario.objects.visible_to(self.request.user)
            .with_changes()
            .select_related("created_by")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        book = BudgetBook()
        years = book.years
        result = run_scenario(book, spec_from_scenario(self.object))
        results = [result, *(run_scenario(book, spec) for spec in council_scenarios())]
        proposals = council_proposal_proposals(book, user)
        for proposal in proposals:
            proposal.link_url = link_for(proposal, user)
        context.update(
            book=book,
            years=years,
            result=result,
            results=results,
            outcomes=proposal_outcomes(book, result, proposals),
            chart=committed_chart(results, years, key="scenario"),
            history=history_rows(self.object.history.select_related("history_user")[:20]),
            can_change=user.has_perm("budget.change_scenario"),
        )
        return context


class ScenarioEditMixin(FinanceRequiredMixin, BudgetPageMixin):
    model = Scenario
    form_class = ScenarioForm
    template_name = "budget/scenario_form.html"
    section = "scenarios"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.formset)
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_edit_object()
        self.formset = ScenarioChangeFormSet(instance=self.object or Scenario())
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = self.get_edit_object()
        form = self.get_form()
        self.formset = ScenarioChangeFormSet(request.POST, instance=self.object or Scenario())
        if form.is_valid() and self.formset.is_valid():
            scenario = save_scenario(form, self.formset, request.user)
            messages.success(request, _("Het scenario is opgeslagen."))
            return redirect(scenario)
        return self.render_to_response(self.get_context_data(form=form))


class ScenarioCreateView(ScenarioEditMixin, CreateView):
    permission_required = "budget.add_scenario"

    def get_edit_object(self):
        return None


class ScenarioUpdateView(ScenarioEditMixin, UpdateView):
    permission_required = "budget.change_scenario"
    slug_url_kwarg = "slug"

    def get_edit_object(self):
        return self.get_object()


class ScenarioDeleteView(FinanceRequiredMixin, BudgetPageMixin, DeleteView):
    model = Scenario
    permission_required = "budget.delete_scenario"
    template_name = "budget/confirm_delete.html"
    success_url = reverse_lazy("budget:scenario-list")
    section = "scenarios"

    def form_valid(self, form):
        messages.success(self.request, _("Het scenario is verwijderd."))
        return super().form_valid(form)


class BenchmarkView(BudgetPageMixin, TemplateView):
    """Hengelo next to the VNG survey of 2009, for municipalities of its size."""

    template_name = "budget/benchmark.html"
    section = "benchmark"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        book = BudgetBook()
        staff_figure = book.recorded_figure("personeel_resteert")
        figures = list(BenchmarkFigure.objects.select_related("source"))
        mine = [f for f in figures if f.size_class == HENGELO_SIZE_CLASS]
        everyone = [f for f in figures if f.size_class == SizeClass.ALL]

        def pick(pool, measure, year=None):
            return next(
                (
                    f
                    for f in pool
                    if f.measure == measure and (year is None or f.reference_year == year)
                ),
                None,
            )

        hengelo_years = []
        for year in book.years:
            summary = book.summary(year)
            spending = summary.available - summary.staff_budget
            band = next(
                (
                    f
                    for f in mine
                    if f.measure == BenchmarkMeasure.SPENDING_BAND
                    and f.reference_year == 2008
                    and f.band_contains(spending)
                ),
                None,
            )
            hengelo_years.append(
                {
                    "summary": summary,
                    "fte": summary.positions_fte,
                    "hours": (summary.positions_fte * HOURS_PER_FTE).quantize(Decimal("0.1")),
                    "spending": spending,
                    "band": band,
                }
            )
        average = pick(mine, BenchmarkMeasure.AVERAGE_SPENDING)
        for row in hengelo_years:
            row["ratio"] = (row["spending"] / average.value * 100).quantize(1) if average else None
        bands_2008 = [
            f
            for f in mine
            if f.measure == BenchmarkMeasure.SPENDING_BAND and f.reference_year == 2008
        ]
        bands_2005 = {
            f.band: f
            for f in mine
            if f.measure == BenchmarkMeasure.SPENDING_BAND and f.reference_year == 2005
        }
        all_2008 = {
            f.band: f
            for f in everyone
            if f.measure == BenchmarkMeasure.SPENDING_BAND and f.reference_year == 2008
        }
        context.update(
            source=BenchmarkSource.objects.first(),
            size_class=SizeClass(HENGELO_SIZE_CLASS).label,
            hours_on_paper=pick(mine, BenchmarkMeasure.HOURS_ON_PAPER),
            hours_in_practice=pick(mine, BenchmarkMeasure.HOURS_IN_PRACTICE),
            all_hours_on_paper=pick(everyone, BenchmarkMeasure.HOURS_ON_PAPER),
            all_hours_in_practice=pick(everyone, BenchmarkMeasure.HOURS_IN_PRACTICE),
            average=average,
            minimum=pick(mine, BenchmarkMeasure.MINIMUM_SPENDING),
            maximum=pick(mine, BenchmarkMeasure.MAXIMUM_SPENDING),
            band_rows=[
                (
                    f,
                    bands_2005.get(f.band),
                    all_2008.get(f.band),
                    year_span(
                        row["summary"].year
                        for row in hengelo_years
                        if f.band_contains(row["spending"])
                    ),
                )
                for f in bands_2008
            ],
            staff_summary=book.summary(staff_figure.year) if staff_figure else None,
            hengelo_years=hengelo_years,
            hours_per_fte=HOURS_PER_FTE,
            has_figures=bool(figures),
        )
        return context


# --- lines ------------------------------------------------------------------------------------


class LineListView(FilteredListMixin, BudgetPageMixin, ListView):
    """Every budget line, filterable; the finance role edits, imports and exports from here."""

    model = BudgetLine
    filterset_class = BudgetLineFilter
    template_name = "budget/budgetline_list.html"
    context_object_name = "lines"
    paginate_by = 50
    section = "lines"

    def get_base_queryset(self):
        return BudgetLine.objects.with_links().order_by("year", "product__name", "category", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attach_links(context["lines"], self.request.user)
        context["total"] = self.filterset.qs.total()
        return context


class LineDetailView(BudgetPageMixin, DetailView):
    """One line: what it pays for, where the amount comes from, and every change to it."""

    model = BudgetLine
    template_name = "budget/budgetline_detail.html"
    context_object_name = "line"
    section = "lines"

    def get_queryset(self):
        return BudgetLine.objects.with_links()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        line = self.object
        user = self.request.user
        context.update(
            links=[
                (label, obj, link_for(obj, user))
                for label, obj in (
                    (_("Voorstel"), line.proposal),
                    (_("Partnerstad"), line.partner_city),
                    (_("Netwerk"), line.network),
                )
                if obj is not None
            ],
            same_line=BudgetLine.objects.filter(product=line.product, name=line.name).order_by(
                "year"
            ),
            history=history_rows(line.history.select_related("history_user")[:50]),
        )
        return context


def history_rows(records):
    """History records, newest first, with what each changed compared to the one before it."""
    records = list(records)
    pairs = [
        (record, records[index + 1] if index + 1 < len(records) else None)
        for index, record in enumerate(records)
    ]
    return describe_changes(pairs)


def describe_changes(pairs):
    """For (record, previous) pairs: each changed field with readable old and new values."""
    diffs = []
    related_ids = {}
    for record, previous in pairs:
        changes = []
        if previous is not None and record.history_type == "~":
            model = record.instance_type
            for change in record.diff_against(previous).changes:
                field = model._meta.get_field(change.field)
                changes.append((field, change.old, change.new))
                if field.is_relation:
                    ids = related_ids.setdefault(field.related_model, set())
                    ids.update(value for value in (change.old, change.new) if value is not None)
        diffs.append((record, changes))
    related = {
        model: model._default_manager.in_bulk(ids) for model, ids in related_ids.items() if ids
    }

    def readable(field, value):
        if value is None or value == "":
            return "–"
        if field.is_relation:
            return str(related.get(field.related_model, {}).get(value, value))
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, Decimal) and field.decimal_places == 2:
            return format_euro(value)
        return str(value)

    return [
        {
            "record": record,
            "changes": [
                (field.verbose_name, readable(field, old), readable(field, new))
                for field, old, new in changes
            ],
        }
        for record, changes in diffs
    ]


class EditMixin(FinanceRequiredMixin, BudgetPageMixin):
    template_name = "budget/edit_form.html"
    section = "lines"
    heading = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.heading
        if getattr(self, "object", None) is not None and self.object.pk:
            context["history"] = history_rows(
                self.object.history.select_related("history_user")[:20]
            )
        return context

    def form_valid(self, form):
        messages.success(self.request, _("De wijziging is opgeslagen."))
        return super().form_valid(form)


class LineCreateView(EditMixin, CreateView):
    model = BudgetLine
    form_class = BudgetLineForm
    permission_required = "budget.add_budgetline"
    heading = gettext_lazy("Begrotingsregel toevoegen")


class LineUpdateView(EditMixin, UpdateView):
    model = BudgetLine
    form_class = BudgetLineForm
    permission_required = "budget.change_budgetline"
    heading = gettext_lazy("Begrotingsregel wijzigen")


class LineDeleteView(FinanceRequiredMixin, BudgetPageMixin, DeleteView):
    model = BudgetLine
    permission_required = "budget.delete_budgetline"
    template_name = "budget/confirm_delete.html"
    success_url = reverse_lazy("budget:line-list")
    section = "lines"

    def form_valid(self, form):
        messages.success(self.request, _("De regel is verwijderd."))
        return super().form_valid(form)


class ProductBudgetCreateView(EditMixin, CreateView):
    model = ProductBudget
    form_class = ProductBudgetForm
    permission_required = "budget.add_productbudget"
    heading = gettext_lazy("Productbudget toevoegen")
    success_url = reverse_lazy("budget:overview")


class ProductBudgetUpdateView(EditMixin, UpdateView):
    model = ProductBudget
    form_class = ProductBudgetForm
    permission_required = "budget.change_productbudget"
    heading = gettext_lazy("Productbudget wijzigen")
    success_url = reverse_lazy("budget:overview")


class PositionUpdateView(EditMixin, UpdateView):
    model = StaffPosition
    form_class = StaffPositionForm
    permission_required = "budget.change_staffposition"
    heading = gettext_lazy("Functie wijzigen")
    success_url = reverse_lazy("budget:derivation")


class TargetUpdateView(EditMixin, UpdateView):
    model = SavingsTarget
    form_class = SavingsTargetForm
    permission_required = "budget.change_savingstarget"
    heading = gettext_lazy("Taakstelling wijzigen")
    success_url = reverse_lazy("budget:scenario-list")


class ChangesView(BudgetPageMixin, ListView):
    """Recent changes to the budget lines: who changed what, and when."""

    template_name = "budget/changes.html"
    paginate_by = 50
    page_kwarg = "pagina"
    section = "changes"

    def get_queryset(self):
        return BudgetLine.history.select_related("history_user", "product").order_by(
            "-history_date", "-history_id"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["object_list"])
        ids = {record.id for record in page}
        oldest = min((record.history_date for record in page), default=None)
        earlier = {}
        if ids:
            for record in (
                BudgetLine.history.filter(id__in=ids, history_date__lt=oldest)
                .order_by("id", "-history_date", "-history_id")
                .distinct()
            ):
                earlier.setdefault(record.id, record)
        by_line = {}
        for record in sorted(page, key=lambda r: (r.history_date, r.history_id)):
            record.previous = by_line.get(record.id) or earlier.get(record.id)
            by_line[record.id] = record
        rows = describe_changes([(record, record.previous) for record in page])
        context["rows"] = rows
        return context


# --- import and export -----------------------------------------------------------------------


def export_view(request, fmt):
    """The filtered lines as a CSV or XLSX file, in the columns the import reads."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    filterset = BudgetLineFilter(
        request.GET or None,
        queryset=BudgetLine.objects.with_links().order_by("year", "product__name", "name"),
        request=request,
    )
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset
    content = export_lines(queryset, fmt)
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="begrotingsregels.{fmt}"'
    return response


def import_view(request):
    """Upload a file, see every row's problems (dry run), then confirm to save all or nothing."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    if not request.user.has_perms(["budget.add_budgetline", "budget.change_budgetline"]):
        raise PermissionDenied(_("Alleen de afdeling financiën mag regels importeren."))
    context = {"section": "lines", "can_edit": True}
    if request.method == "POST" and request.POST.get("stap") == "bevestigen":
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored or stored.get("token") != request.POST.get("token"):
            messages.error(request, _("Kies het bestand opnieuw; de controle is verlopen."))
            return redirect("budget:line-import")
        content = bytes.fromhex(stored["content"])
        reason = _("Import van %(name)s") % {"name": stored["name"]}
        report = import_lines(content, stored["format"], reason=reason)
        if report.saved:
            del request.session[IMPORT_SESSION_KEY]
            messages.success(
                request,
                _("%(new)s regels toegevoegd, %(updated)s gewijzigd, %(same)s ongewijzigd.")
                % {
                    "new": len(report.new),
                    "updated": len(report.updated),
                    "same": len(report.unchanged),
                },
            )
            return redirect("budget:line-list")
        context.update(report=report, filename=stored["name"])
        return render(request, "budget/import.html", context, status=400)
    if request.method == "POST":
        upload = request.FILES.get("bestand")
        if upload is None:
            context["file_error"] = _("Kies een bestand om te controleren.")
            return render(request, "budget/import.html", context, status=400)
        try:
            content, fmt = read_upload(upload)
            report = check_lines(content, fmt)
        except ImportFileError as exc:
            context["file_error"] = str(exc)
            return render(request, "budget/import.html", context, status=400)
        context.update(report=report, filename=upload.name)
        if report.is_valid():
            token = secrets.token_hex(16)
            request.session[IMPORT_SESSION_KEY] = {
                "content": content.hex(),
                "format": fmt,
                "name": upload.name,
                "token": token,
            }
            context["token"] = token
            return render(request, "budget/import.html", context)
        return render(request, "budget/import.html", context, status=400)
    return render(request, "budget/import.html", context)
