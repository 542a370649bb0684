"""Searchable selects: a choice among a growing table loads its options on demand.

A `ModelChoiceField` (or a django-filter `ModelChoiceFilter`) over a table that grows takes the
widget `SearchableSelect(url_name, search_fields)` (`SearchableSelectMultiple` for a multiple
choice). Up to `THRESHOLD` (50) options it is a plain select with all of them, as before. Above
it the page holds only the selected option(s) and the first 50 (so that the field still works,
within those, without JavaScript), and `static/js/searchable-select.js` (Tom Select, vendored in
`static/vendor/tom-select/`) turns it into a search box that asks `OptionsView` for the rest, 20
at a time. Validation is untouched: the field's full queryset decides, with its own message.

`OptionsView` answers for one field of one form or FilterSet, with the same queryset, labels and
values as the field itself, so it can show no more than the page could; the app's subclass names
the permission of the page that uses the field (`permission_required`, any one of them), or none
for a public filter whose queryset is `visible_to(request.user)`. Example: `budget/options.py`.
"""

from functools import cache

from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View

from .params import MAX_ID

THRESHOLD = 50
PAGE_SIZE = 20
MAX_TERMS = 8


def model_values(queryset, key, values):
    """The values of a form's data that can be looked up in `key` (bad ones are left out)."""
    model = queryset.model
    try:
        model_field = model._meta.pk if key == "pk" else model._meta.get_field(key)
    except FieldDoesNotExist:
        return []
    cleaned = []
    for value in values:
        if value in (None, ""):
            continue
        try:
            value = model_field.to_python(str(value))
        except (ValidationError, TypeError, ValueError):
            continue
        if isinstance(value, int) and abs(value) > MAX_ID:
            continue
        cleaned.append(value)
    return cleaned


def search(queryset, fields, text):
    """Rows matching every word of `text` in any of `fields`."""
    for term in (text or "").split()[:MAX_TERMS]:
        query = Q()
        for field in fields:
            query |= Q(**{f"{field}__icontains": term})
        queryset = queryset.filter(query)
    return queryset


class SearchableMixin:
    """See the module docstring."""

    threshold = THRESHOLD

    def __init__(self, url_name, search_fields, attrs=None, threshold=None):
        super().__init__(attrs=attrs)
        self.url_name = url_name
        self.search_fields = tuple(search_fields)
        if threshold is not None:
            self.threshold = threshold
        self.searching = False

    def limited_choices(self, value):
        """The choices to render: all of them up to the threshold, else the selected ones and
        the first `threshold`. One query, two when a selected one is beyond the first."""
        iterator = self.choices
        field = iterator.field
        queryset = iterator.queryset
        if not queryset.ordered:
            queryset = queryset.order_by("pk")
        head = list(queryset[: self.threshold + 1])
        self.searching = len(head) > self.threshold
        choices = []
        if field.empty_label is not None:
            choices.append(("", field.empty_label))
        if self.searching:
            head = head[: self.threshold]
            key = field.to_field_name or "pk"
            selected = model_values(queryset, key, value)
            if selected:  # an empty form asks nothing more
                shown = {str(field.prepare_value(obj)) for obj in head}
                selected = [v for v in selected if str(v) not in shown]
            if selected:
                choices.extend(
                    iterator.choice(obj) for obj in queryset.filter(**{f"{key}__in": selected})
                )
        choices.extend(iterator.choice(obj) for obj in head)
        return choices

    def optgroups(self, name, value, attrs=None):
        if not hasattr(self.choices, "field"):
            return super().optgroups(name, value, attrs)
        original = self.choices
        self.choices = self.limited_choices(value)
        try:
            return self.flat_optgroups(name, value) or super().optgroups(name, value, attrs)
        finally:
            self.choices = original

    def flat_optgroups(self, name, value):
        """Django's ChoiceWidget.optgroups for the flat choices of a model select, with each
        option's dict written here rather than by create_option (issue 17: a few hundred calls
        per select). None where Django's would differ (option groups, a widget of its own)."""
        if type(self).create_option is not forms.Select.create_option or self.option_inherits_attrs:
            return None
        choices = self.choices
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return None
        multiple = self.allow_multiple_selected
        input_type = self.input_type
        template_name = self.option_template_name
        checked = self.checked_attribute
        groups = []
        has_selected = False
        for index, (option_value, option_label) in enumerate(choices):
            if option_value is None:
                option_value = ""
            selected = (not has_selected or multiple) and str(option_value) in value
            has_selected |= selected
            option = {
                "name": name,
                "value": option_value,
                "label": option_label,
                "selected": selected,
                "index": str(index),
                "attrs": dict(checked) if selected else {},
                "type": input_type,
                "template_name": template_name,
                "wrap_label": True,
            }
            groups.append((None, [option], index))
        return groups

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(self.search_attrs(name))
        return context

    def search_attrs(self, name):
        """The attributes that make the select a search box, once limited_choices has found
        more options than the threshold (else none)."""
        if not self.searching:
            return {}
        return {
            "data-options-url": reverse(self.url_name, kwargs={"field": name}),
            "data-text-search": str(_("Typ om te zoeken")),
            "data-text-none": str(_("Niets gevonden")),
            "data-text-loading": str(_("Bezig met laden…")),
            "data-text-more": str(_("Meer laden…")),
            "data-text-remove": str(_("Verwijderen")),
        }


class SearchableSelect(SearchableMixin, forms.Select):
    pass


class SearchableSelectMultiple(SearchableMixin, forms.SelectMultiple):
    pass


class _OneQuery(forms.models.ModelChoiceIterator):
    """A model select's options read with one query (issue 17): Django's ModelChoiceIterator reads
    them through queryset.iterator(), which on PostgreSQL declares a server-side cursor, fetches
    from it twice and closes it: three round trips more than the query, for a dozen themes."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


@cache
def in_one_query(iterator):
    """`iterator`, a ModelChoiceIterator class (django-filter's adds its null choice), reading
    the options with one query."""
    if issubclass(iterator, _OneQuery):
        return iterator
    if iterator is forms.models.ModelChoiceIterator:
        return _OneQuery
    return type(f"{iterator.__name__}InOneQuery", (iterator, _OneQuery), {})


def read_in_one_query(field):
    """Let a model choice field of a form read its options with one query."""
    if isinstance(field, forms.ModelChoiceField):
        field.iterator = in_one_query(field.iterator)
        field.widget.choices = field.choices


class OptionsView(PermissionRequiredMixin, View):
    """The options of one searchable field as JSON: `?q=words&pagina=N`, 20 per page.

    The URL names the field (`<str:field>`, the form's field name; the form has no prefix). Set
    `form_class` or `filterset_class`; `permission_required` is the page's (a user needs any one
    of them; empty for a public filter). Only a field with a searchable widget answers. Answers
    `{"results": [{"value": ..., "text": ...}], "next": url or null}`.
    """

    form_class = None
    filterset_class = None
    permission_required = ()
    page_size = PAGE_SIZE

    def has_permission(self):
        perms = self.get_permission_required()
        if not perms:
            return True
        return any(self.request.user.has_perm(perm) for perm in perms)

    def get_form(self):
        if self.filterset_class is not None:
            model = self.filterset_class._meta.model
            filterset = self.filterset_class(
                None, queryset=model._default_manager.none(), request=self.request
            )
            return filterset.form
        return self.form_class()

    def get_field(self, name):
        """The form's field of that name, if it is a searchable one."""
        field = self.get_form().fields.get(name)
        if field is None or not isinstance(field.widget, SearchableMixin):
            raise Http404
        return field

    def get(self, request, field):
        field = self.get_field(field)
        queryset = field.queryset
        if not queryset.ordered:
            queryset = queryset.order_by("pk")
        queryset = search(queryset, field.widget.search_fields, request.GET.get("q", ""))
        try:
            page = max(1, min(int(request.GET.get("pagina", "1")), 10_000))
        except ValueError:
            page = 1
        start = (page - 1) * self.page_size
        rows = list(queryset[start : start + self.page_size + 1])
        results = [
            {"value": str(field.prepare_value(obj)), "text": str(field.label_from_instance(obj))}
            for obj in rows[: self.page_size]
        ]
        next_url = None
        if len(rows) > self.page_size:
            query = urlencode({"q": request.GET.get("q", ""), "pagina": page + 1})
            next_url = f"{request.path}?{query}"
        return JsonResponse({"results": results, "next": next_url})
