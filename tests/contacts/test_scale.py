"""Query budgets on every list and detail page with 10,000 people and 50,000 interactions.

The budgets are fixed numbers well below the 50 rows a page shows, so a query per row fails.
"""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("contacts-at-scale")]

# Every page: session, user, groups/permissions, the menu's roles, and the page's own queries.
PAGES = [
    ("contacts:organisation-list", {}, "", 10),
    ("contacts:organisation-list", {}, "?q=Schaalorganisatie&themes=", 10),
    ("contacts:person-list", {}, "", 12),
    ("contacts:person-list", {}, "?q=Schaal0&overdue=ja", 12),
    ("contacts:interaction-list", {}, "", 10),
    ("contacts:interaction-list", {}, "?kind=email&open_follow_up=ja", 10),
    ("contacts:follow-up-list", {}, "", 10),
    ("contacts:opportunity-list", {}, "", 12),
    ("contacts:opportunity-list", {}, "?status=doorgezet", 12),
    ("contacts:review-list", {}, "", 9),
    ("contacts:access-log", {}, "", 10),
    ("contacts:erasure-list", {}, "", 9),
    ("contacts:expertise-list", {}, "", 12),
]


@pytest.mark.parametrize(("name", "kwargs", "query", "budget"), PAGES)
def test_list_pages_keep_their_query_budget_at_scale(
    client, registry_at_scale, django_assert_max_num_queries, name, kwargs, query, budget
):
    client.force_login(registry_at_scale["manager"])
    with django_assert_max_num_queries(budget):
        response = client.get(reverse(name, kwargs=kwargs) + query)
    assert response.status_code == 200
    content = response.content.decode()
    if name == "contacts:person-list" and not query:
        assert "10000 personen gevonden" in content
        assert content.count('href="/contacten/personen/') >= 50
    if name == "contacts:interaction-list" and not query:
        assert "50000 contactmomenten gevonden" in content


def test_detail_pages_keep_their_query_budget_at_scale(
    client, registry_at_scale, django_assert_max_num_queries
):
    client.force_login(registry_at_scale["manager"])
    organisation = registry_at_scale["organisation"]
    person = registry_at_scale["person"]
    opportunity = registry_at_scale["opportunity"]
    with django_assert_max_num_queries(16):
        response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    names = list(organisation.people.values_list("first_name", "last_name"))
    assert len(names) == 20
    assert all(f"{first} {last}" in content for first, last in names)
    assert "Alle 100 contactmomenten" in content
    with django_assert_max_num_queries(18):
        response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("over samenwerking.") == 5
    with django_assert_max_num_queries(14):
        response = client.get(opportunity.get_absolute_url())
    assert response.status_code == 200
    interaction = person.interactions.first()
    with django_assert_max_num_queries(9):
        response = client.get(interaction.get_absolute_url())
    assert response.status_code == 200


def test_public_partner_list_keeps_its_query_budget_at_scale(
    client, registry_at_scale, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        response = client.get(reverse("contacts:organisation-list"))
    assert "100 organisaties gevonden" in response.content.decode()


def test_organisation_list_counts_the_people_of_the_rows_it_shows(client, registry_at_scale):
    """The count is a subquery per row on the page, not a count of every person grouped by
    organisation (issue 17); the figures are the same."""
    from django.db.models import Count

    from contacts.models import Organisation

    client.force_login(registry_at_scale["manager"])
    content = client.get(reverse("contacts:organisation-list")).content.decode()
    counted = Organisation.objects.annotate(n=Count("people")).order_by("name", "city")[:50]
    for organisation in counted:
        assert (
            f'href="/contacten/{organisation.pk}/"' in content
            and f'<td class="text-end">{organisation.n}</td>' in content
        ), organisation.name
