"""One way for list pages: core.lists' mixins, one pagination parameter, one CSV exporter."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.generic.list import MultipleObjectMixin

from core.lists import PaginationMixin
from tests.factories import (
    InteractionFactory,
    OpportunityFactory,
    OrganisationFactory,
    PersonFactory,
)

ROOT = Path(__file__).resolve().parents[2]

# The public agenda keeps its English parameter names (?where=&theme=&page=) in all three
# languages: the municipal website embeds it (agenda:embed) and links to its filtered pages.
OWN_PAGE_PARAMETER = {"EventListView", "EventArchiveView", "EventEmbedView"}


def view_classes(resolver=None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from view_classes(pattern)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None:
                yield view_class


def test_every_paged_list_pages_with_pagina():
    paged = {
        view
        for view in view_classes()
        if issubclass(view, MultipleObjectMixin) and view.paginate_by
    }
    assert len(paged) > 20
    for view in paged:
        if view.__name__ in OWN_PAGE_PARAMETER:
            continue
        assert issubclass(view, PaginationMixin), view
        assert view.page_kwarg == "pagina", view


def test_only_the_pagination_include_builds_page_links():
    own = {"agenda/event_list.html", "agenda/event_embed.html"}
    builders = {
        str(path.relative_to(ROOT / "templates"))
        for path in (ROOT / "templates").rglob("*.html")
        if re.search(r"\b(pagina|page)=\{\{|querystring page=", path.read_text(encoding="utf-8"))
    }
    assert builders == {"includes/pagination.html", *own}


def test_one_list_mixin_and_one_streaming_exporter():
    sources = [
        path
        for path in ROOT.glob("*/**/*.py")
        if not {".venv", "tests", "migrations", "node_modules"} & set(path.parts)
    ]
    defining = {
        str(path.relative_to(ROOT))
        for path in sources
        if re.search(
            r"^class FilteredListMixin\b|StreamingHttpResponse\(|^class \w*Csv\w*Mixin",
            path.read_text(encoding="utf-8"),
            re.M,
        )
    }
    assert defining == {"core/lists.py"}
    assert not (ROOT / "templates" / "contacts" / "_pagination.html").exists()
    assert not (ROOT / "templates" / "contacts" / "_filter.html").exists()


def test_a_long_list_links_a_short_row_of_pages(rf):
    paginator = Paginator(range(10_000), 50)
    page = paginator.page(100)
    html = render_to_string(
        "includes/pagination.html",
        {"is_paginated": True, "page_obj": page, "current_query": "q=x"},
    )
    numbers = re.findall(r"pagina=(\d+)", html)
    assert {"1", "98", "99", "100", "101", "102", "200"} <= set(numbers)
    assert len(set(numbers)) == 7
    assert html.count("…") == 2
    assert 'aria-current="page">100<' in html


def read(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.django_db
def test_contacts_exports_never_hand_excel_a_formula(client, account_manager):
    organisation = OrganisationFactory(name='=HYPERLINK("http://x")', city="+31 Hengelo")
    person = PersonFactory(organisation=organisation, phone="+31 74 245 9111", job_title="-1")
    InteractionFactory(organisation=organisation, person=person, summary="@SUM(A1:A9)")
    OpportunityFactory(from_organisation=organisation, title="=1+2")
    client.force_login(account_manager)
    exports = {
        "contacts:organisation-export": ("=HYPERLINK", "+31 Hengelo"),
        "contacts:person-export": ("+31 74 245 9111", "-1", "=HYPERLINK"),
        "contacts:interaction-export": ("@SUM(A1:A9)", "=HYPERLINK"),
        "contacts:opportunity-export": ("=1+2", "=HYPERLINK"),
    }
    for name, dangerous in exports.items():
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        cells = [cell for row in read(response)[1:] for cell in row]
        assert cells, name
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")], name
        for value in dangerous:
            assert any(cell.startswith("'" + value) for cell in cells), (name, value)
    person_csv = client.get(reverse("contacts:person-export-csv", kwargs={"pk": person.pk}))
    rows = list(csv.reader(io.StringIO(person_csv.content.decode("utf-8-sig")), delimiter=";"))
    assert ["persoon", "1", "telefoonnummer", "'+31 74 245 9111"] in rows


@pytest.mark.django_db
def test_a_contacts_list_pages_with_pagina_and_keeps_its_filters(client, account_manager):
    organisation = OrganisationFactory(name="Veel mensen", country="DE")
    PersonFactory.create_batch(51, organisation=organisation)
    client.force_login(account_manager)
    url = reverse("contacts:person-list")
    first = client.get(url, {"organisation": organisation.pk}).content.decode()
    assert f"?organisation={organisation.pk}&amp;pagina=2" in first
    assert "Alleen van:" in first and "Veel mensen" in first
    second = client.get(url, {"organisation": organisation.pk, "pagina": "2"})
    assert len(second.context["object_list"]) == 1
    assert client.get(url, {"pagina": "twee"}).status_code == 200


@pytest.mark.django_db
def test_related_of_gives_what_the_prefetch_gives_in_one_query(django_assert_num_queries):
    from core.lists import related_of
    from networks.models import Theme
    from proposals.models import Proposal
    from tests.factories import ProposalFactory, ThemeFactory

    Theme.objects.all().delete()
    themes = [
        ThemeFactory(name=name, kind=kind, position=position)
        for name, kind, position in [
            ("Zorg", "extra", 0),
            ("Arbeidsmarkt", "actielijn", 2),
            ("Bestuur", "extra", 0),
            ("Energie", "actielijn", 1),
        ]
    ]
    first, second, without = ProposalFactory(), ProposalFactory(), ProposalFactory()
    first.themes.set(themes)
    second.themes.set(themes[:2])
    proposals = list(Proposal.objects.filter(pk__in=[first.pk, second.pk, without.pk]))

    with django_assert_num_queries(1):
        found = related_of(proposals, "themes")
    prefetched = Proposal.objects.filter(pk__in=[first.pk, second.pk]).prefetch_related("themes")
    for proposal in prefetched:
        expected = list(proposal.themes.all())
        assert [values(theme) for theme in found[proposal.pk]] == [values(t) for t in expected]
    assert [theme.name for theme in found[first.pk]] == [
        "Energie",
        "Arbeidsmarkt",
        "Bestuur",
        "Zorg",
    ]
    assert found[first.pk][1] is found[second.pk][0]  # one instance per theme
    assert without.pk not in found
    with django_assert_num_queries(0):
        assert related_of([], "themes") == {}


def values(record):
    return [getattr(record, field.attname) for field in record._meta.concrete_fields]


@pytest.mark.django_db
def test_a_filters_model_select_reads_its_options_in_one_query(monkeypatch, hengelo):
    """Django's ModelChoiceIterator reads the options through queryset.iterator(), on PostgreSQL
    a server-side cursor with three round trips more (issue 17); the filter forms read them with
    one query, the same options as Django's."""
    from django.db.models import QuerySet

    from networks.filters import EffortFilter
    from networks.models import Effort
    from proposals.filters import ProposalFilter
    from proposals.models import Proposal

    forms = [
        EffortFilter(None, queryset=Effort.objects.all()).form,
        ProposalFilter(None, queryset=Proposal.objects.all()).form,
    ]
    fields = [form.fields[name] for form in forms for name in ("thema",)]
    fields.append(forms[0].fields["opbrengst"])
    expected = [
        [(str(value), str(label)) for value, label in type(field).iterator(field)]
        for field in fields
    ]

    def refused(self, *args, **kwargs):
        raise AssertionError("a server-side cursor")

    monkeypatch.setattr(QuerySet, "iterator", refused)
    for field, options in zip(fields, expected, strict=True):
        assert [(str(value), str(label)) for value, label in field.widget.choices] == options
        assert len(options) > 3
    for form in forms:
        assert "<option" in str(form["thema"])


@pytest.mark.django_db
def test_with_counts_counts_what_count_of_counts(django_assert_num_queries):
    """with_counts() answers as annotating count_of() would: the visible rows per theme, 0 for
    a theme without any, in the model's order (issue 17: the themes' page reads it)."""
    from django.contrib.auth.models import AnonymousUser

    from core.constants import Visibility
    from core.lists import count_of, with_counts
    from networks.models import Network, Theme
    from tests.factories import NetworkFactory, ThemeFactory

    first, second, empty = (ThemeFactory(kind=kind) for kind in ("extra", "actielijn", "extra"))
    NetworkFactory().themes.set([first, second])
    NetworkFactory().themes.set([first])
    NetworkFactory(visibility=Visibility.DRAFT).themes.set([first, second])
    visible = Theme.networks.through.objects.filter(
        network__in=Network.objects.visible_to(AnonymousUser())
    )
    everything = Theme.networks.through.objects.all()
    expected = [
        (theme.pk, theme.n_networks, theme.n_all)
        for theme in Theme.objects.annotate(
            n_networks=count_of(visible, "theme"), n_all=count_of(everything, "theme")
        )
    ]
    with django_assert_num_queries(1):
        found = [
            (theme.pk, theme.n_networks, theme.n_all)
            for theme in with_counts(
                Theme, n_networks=(visible, "theme"), n_all=(everything, "theme")
            )
        ]
    assert found == expected
    counts = {pk: (n, n_all) for pk, n, n_all in found}
    assert counts[first.pk] == (2, 3)
    assert counts[second.pk] == (1, 2)
    assert counts[empty.pk] == (0, 0)
