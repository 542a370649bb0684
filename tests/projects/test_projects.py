"""EU projects and grants (issue 14), through the HTTP client."""

import datetime

import pytest
from django.utils import timezone

from contacts.models import Organisation
from networks.models import Effort
from projects.models import Programme, Project

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def programme(name):
    return Programme.objects.get(name=name)


def project_form(**changes):
    data = {
        "title": "Grensoverschrijdend groenonderhoud",
        "acronym": "GGO",
        "year": "2019",
        "programme": programme("Interreg V A Deutschland-Nederland").pk,
        "call": "Oproep 2019",
        "role": "leadpartner",
        "status": "aanvraag",
        "description": "",
        "partners": [
            Organisation.objects.get(name="Stadt Ahlen").pk,
            Organisation.objects.get(name="Gemeente Enschede").pk,
        ],
        "total_budget": "500.000",
        "eu_contribution": "250.000",
        "co_financing": "250.000",
        "start_date": "",
        "end_date": "",
        "deadline": "2019-06-01",
        "deadline_note": "aanvraag",
        "efforts": [Effort.objects.get(year=2018, number=13).pk],
        "networks": [],
        "themes": [],
        "source": "",
        "visibility": "openbaar",
    }
    data.update(changes)
    return data


def test_seed_projects_carry_their_source(client, hengelo):
    cef = Project.objects.get(title__startswith="Verruiming Twentekanaal")
    assert cef.role == "leadpartner"
    assert cef.programme.name.startswith("Connecting Europe Facility (CEF) 2014")
    assert cef.total_budget is None  # the seed gives no amounts
    content = text(client.get(cef.get_absolute_url()))
    assert "Leadpartner" in content and "Raadsvoorstel 2200511" in content
    assert "Provincie Overijssel" in content
    content = text(client.get(Effort.objects.get(year=2018, number=1).get_absolute_url()))
    assert "Verruiming Twentekanaal" in content
    content = text(client.get("/eu-projecten/"))
    assert "4 projecten" in content
    assert "Goederencorridor Euregio" in content


def test_accountmanager_adds_an_interreg_project_with_two_partners(
    client_for, hengelo, account_manager, council_member
):
    response = client_for(account_manager).post("/eu-projecten/nieuw/", project_form())
    assert response.status_code == 302
    project = Project.objects.get(acronym="GGO")
    assert {org.name for org in project.partners.all()} == {"Stadt Ahlen", "Gemeente Enschede"}
    assert str(project.eu_contribution) == "250000.00"
    content = text(client_for(council_member).get(project.get_absolute_url()))
    assert "Stadt Ahlen" in content and "€\xa0250.000" in content
    assert "Wijzigen" not in content


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"eu_contribution": "600.000"}, "eu_contribution", "niet groter zijn dan de totale"),
        (
            {"programme": "interreg-vi"},
            "programme",
            "liep van 2021 tot en met 2027 en bestond niet in 2019",
        ),
        ({"total_budget": "-1"}, "total_budget", "niet negatief"),
        ({"start_date": "2020-01-01", "end_date": "2019-01-01"}, "end_date", "eindigen voordat"),
    ],
)
def test_bad_project_is_refused_at_the_field(
    client_for, hengelo, account_manager, changes, field, message
):
    if changes.get("programme") == "interreg-vi":
        changes["programme"] = programme("Interreg VI A Deutschland-Nederland").pk
    before = Project.objects.count()
    response = client_for(account_manager).post("/eu-projecten/nieuw/", project_form(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in " ".join(errors[field])
    assert Project.objects.count() == before


def test_accountmanager_sees_upcoming_deadlines_first(
    client_for, hengelo, account_manager, council_member
):
    today = timezone.localdate()
    cef = programme("Connecting Europe Facility (CEF) 2021–2027")
    Project.objects.create(
        title="Later", year=2024, programme=cef, deadline=today + datetime.timedelta(days=40)
    )
    Project.objects.create(
        title="Eerst", year=2024, programme=cef, deadline=today + datetime.timedelta(days=3)
    )
    Project.objects.create(
        title="Voorbij", year=2024, programme=cef, deadline=today - datetime.timedelta(days=3)
    )
    response = client_for(account_manager).get("/eu-projecten/")
    assert [project.title for project in response.context["deadlines"]] == ["Eerst", "Later"]
    assert [project.title for project in response.context["projects"]][:3] == [
        "Voorbij",
        "Eerst",
        "Later",
    ]
    content = text(response)
    assert content.index("Komende deadlines") < content.index("Eerst")
    response = client_for(council_member).get("/eu-projecten/")
    assert "deadlines" not in response.context


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        ("council_member", 403),
        ("clerk", 403),
        ("finance_user", 403),
        ("communications_user", 403),
        ("account_manager", 200),
    ],
)
def test_only_the_accountmanager_edits_projects(request, client_for, hengelo, role, status):
    user = request.getfixturevalue(role) if role else None
    client = client_for(user)
    project = Project.objects.first()
    for url in ("/eu-projecten/nieuw/", f"/eu-projecten/{project.pk}/wijzigen/"):
        assert client.get(url).status_code == status, url
    assert client.get("/eu-projecten/").status_code == 200
    assert client.get(project.get_absolute_url()).status_code == 200


def test_draft_projects_are_for_staff_only(client_for, hengelo, council_member):
    project = Project.objects.first()
    project.visibility = "concept"
    project.save()
    assert client_for(None).get(project.get_absolute_url()).status_code == 404
    assert client_for(council_member).get(project.get_absolute_url()).status_code == 200


def test_project_pages_query_budget_at_200_projects(
    client_for, hengelo, account_manager, django_assert_max_num_queries
):
    programmes = list(Programme.objects.all())
    orgs = list(Organisation.objects.all()[:5])
    projects = Project.objects.bulk_create(
        Project(
            title=f"Project {n}",
            year=programmes[n % len(programmes)].first_year,
            programme=programmes[n % len(programmes)],
            deadline=timezone.localdate() + datetime.timedelta(days=n),
        )
        for n in range(200)
    )
    Project.partners.through.objects.bulk_create(
        Project.partners.through(project=project, organisation=org)
        for project in projects
        for org in orgs
    )
    for user in (None, account_manager):
        client = client_for(user)
        client.get("/eu-projecten/")
        with django_assert_max_num_queries(14):
            response = client.get("/eu-projecten/?status=idee&q=Project")
        assert response.status_code == 200
        with django_assert_max_num_queries(14):
            assert client.get(projects[7].get_absolute_url()).status_code == 200
