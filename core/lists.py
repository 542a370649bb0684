"""Shared pieces of list pages: filtering, sorting, pagination and CSV export.

A list page: `FilteredListMixin` with a `BootstrapFilterSet`, the templates
`includes/filter_form.html` and `includes/pagination.html` (one page parameter, `pagina`). A list
without filters: `PaginationMixin`. Its CSV: `FilteredExportView`.
"""

import csv
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib import messages
from django.db import connections
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from .select import read_in_one_query


def count_of(queryset, field):
    """A subquery counting the rows of queryset whose `field` points at the outer row."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(model, **counts):
    """Every row of `model` in its order, each with `name=` the number of rows of a queryset
    whose `field` points at it, for `name=(queryset, field)` (issue 17).

    What annotating count_of() for each gives, read by joining each queryset grouped once by
    `field` instead of a subquery per row: the themes' page counted its visible proposals,
    efforts and networks with 3 subqueries for each of 15 themes, reading the efforts and
    networks again each time (9.5 ms of its 18 ms of SQL at 100x the data, half of it now)."""
    connection = connections[model.objects.db]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = f"{table}.{quote(model._meta.pk.column)}"
    columns = [f"{table}.{quote(field.column)}" for field in model._meta.concrete_fields]
    joins = []
    params = []
    for number, (name, (queryset, field)) in enumerate(counts.items()):
        grouped = queryset.order_by().values(counted_key=F(field)).annotate(counted_n=Count("pk"))
        sql, query_params = grouped.query.get_compiler(connection=connection).as_sql()
        alias = quote(f"counted_{number}")
        joins.append(f"LEFT JOIN ({sql}) {alias} ON {alias}.counted_key = {pk}")
        columns.append(f"COALESCE({alias}.counted_n, 0) AS {quote(name)}")
        params.extend(query_params)
    order = [
        f"{table}.{quote(model._meta.get_field(name.lstrip('-')).column)}"
        + (" DESC" if name.startswith("-") else " ASC")
        for name in model._meta.ordering
    ]
    sql = f"SELECT {', '.join(columns)} FROM {table} {' '.join(joins)} ORDER BY {', '.join(order)}"
    return model.objects.raw(sql, params)


def related_of(objects, field_name, model=None):
    """{pk: [related records]} of a many-to-many field for these records, in the related model's
    order: what prefetch_related(field_name) gives a list of rows, in the one query of the
    through table that the prefetch makes, without a related instance per pair and a queryset
    per record (issue 17: fifty rows' themes cost a list page some 10,000 calls). A related
    record shared by several rows is one instance: for rows that only read it. Rows read as
    plain values (with a `pk`) name their `model`."""
    objects = list(objects)
    if not objects:
        return {}
    field = (model or type(objects[0]))._meta.get_field(field_name)
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = field.m2m_reverse_field_name()
    related = field.related_model
    names = [column.attname for column in related._meta.concrete_fields]
    key = names.index(related._meta.pk.attname)
    ordering = [
        f"-{target}__{name[1:]}" if name.startswith("-") else f"{target}__{name}"
        for name in related._meta.ordering
    ]
    rows = (
        through._default_manager.filter(**{f"{source}__in": [obj.pk for obj in objects]})
        .order_by(*ordering)
        .values_list(source, *(f"{target}__{name}" for name in names))
    )
    made = {}
    found = {}
    for owner, *values in rows:
        record = made.get(values[key])
        if record is None:
            record = made[values[key]] = related.from_db(rows.db, names, values)
        found.setdefault(owner, []).append(record)
    return found


class BootstrapFilterSet(django_filters.FilterSet):
    """A FilterSet whose fields look like the portal's forms (Bootstrap classes)."""

    @property
    def form(self):
        # Styled when first built, after a subclass's __init__ may have changed the filters.
        if not hasattr(self, "_form"):
            form = super().form
            for field in form.fields.values():
                widget = field.widget
                css = "form-select" if isinstance(widget, forms.Select) else "form-control"
                widget.attrs.setdefault("class", css)
                read_in_one_query(field)
            if "q" in form.fields:
                form.fields["q"].widget.input_type = "search"
        return super().form


class PaginationMixin:
    """A ListView's pages as `?pagina=N` (includes/pagination.html); a page number that is not
    a number or out of range serves the nearest page instead of an error."""

    page_kwarg = "pagina"

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class FilteredListMixin(PaginationMixin):
    """A list filtered by a FilterSet; a bad filter value is dropped with a message, never a 500.

    The view sets `filterset_class`; `sort_columns` maps a column key to the ordering value of
    the FilterSet's `sorteer` parameter, so column headers can link to their own sort order.
    """

    filterset_class = None
    sort_param = "sorteer"
    sort_columns = {}
    announce_dropped_filters = True

    def get_base_queryset(self):
        return super().get_queryset()

    def get_filterset(self):
        data = self.request.GET.copy()
        data.pop(self.page_kwarg, None)
        filterset = self.filterset_class(
            data or None, queryset=self.get_base_queryset(), request=self.request
        )
        dropped = {}
        if filterset.is_bound and not filterset.is_valid():
            for name, errors in filterset.errors.items():
                field = filterset.form.fields.get(name)
                label = field.label if field is not None else name
                dropped[name] = {
                    "label": label,
                    "value": (data.get(name) or "")[:60],
                    "errors": errors,
                }
                data.pop(name, None)
            if self.announce_dropped_filters:
                for item in dropped.values():
                    messages.warning(
                        self.request,
                        _(
                            "Het filter ‘%(label)s’ met de waarde ‘%(value)s’ is genegeerd: "
                            "%(error)s"
                        )
                        % {
                            "label": item["label"],
                            "value": item["value"],
                            "error": " ".join(item["errors"]),
                        },
                    )
            # Bound even when nothing is left, so the form can carry the notes below.
            filterset = self.filterset_class(
                data, queryset=self.get_base_queryset(), request=self.request
            )
            filterset.is_valid()
            filterset.qs  # noqa: B018 - filter now, before the notes below mark the form invalid
            for name, item in dropped.items():
                if name not in filterset.form.fields:
                    continue
                # Show the reason at the field too, while the list ignores the value.
                filterset.form.add_error(name, item["errors"])
                widget = filterset.form.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
        filterset.dropped = dropped
        filterset.clean_data = data
        return filterset

    def get_queryset(self):
        self.filterset = self.get_filterset()
        return self.filterset.qs

    def query_string(self, **changes):
        """The current (valid) filter state as a query string, with some parameters changed."""
        data = self.filterset.clean_data.copy()
        for key, value in changes.items():
            if value in (None, ""):
                data.pop(key, None)
            else:
                data[key] = value
        pairs = [(key, value) for key in data for value in data.getlist(key) if value != ""]
        return urlencode(pairs)

    def sort_links(self):
        current = self.filterset.clean_data.get(self.sort_param, "")
        links = {}
        for column, value in self.sort_columns.items():
            if current == value:
                state, next_value = "ascending", f"-{value}"
            elif current == f"-{value}":
                state, next_value = "descending", value
            else:
                state, next_value = "", value
            query = self.query_string(**{self.sort_param: next_value, self.page_kwarg: None})
            links[column] = {"url": f"?{query}", "state": state}
        return links

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filtered = any(
            value for key, value in self.filterset.clean_data.items() if key != self.sort_param
        )
        context.update(
            filterset=self.filterset,
            is_filtered=filtered,
            current_query=self.query_string(**{self.page_kwarg: None}),
            sort_links=self.sort_links(),
        )
        return context


def csv_safe(value):
    """Keep a spreadsheet from reading a cell as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def csv_response(filename, header, rows):
    """Stream rows as a CSV file for a Dutch spreadsheet: semicolons, UTF-8 with a BOM."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow([csv_safe(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class FilteredExportView(FilteredListMixin, ListView):
    """CSV export of a filtered list: the same filters as the page, every row, no pagination."""

    announce_dropped_filters = False
    filename = "export.csv"
    header = ()

    def get_header(self):
        return [str(title) for title in self.header]

    def get_row(self, obj):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        return csv_response(
            self.filename, self.get_header(), (self.get_row(obj) for obj in queryset.iterator(2000))
        )
