"""Results of efforts and the yearly plan cycle (issue 14), through the HTTP client."""

import datetime

import pytest

from core.constants import Visibility
from networks.constants import ResultStatus
from networks.models import Effort
from results.constants import PlanStatus
from results.models import EffortResult, WorkPlan
from tests.editing import version

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def effort_2018(number):
    return Effort.objects.get(year=2018, number=number)


def result_form(**changes):
    data = {
        "status": ResultStatus.REALISED,
        "status_date": "2018-10-15",
        "summary": "Het project is van start gegaan.",
        "hours_spent": "12,5",
        "money_spent": "1.250,00",
        "evaluation": "",
        "event": "",
        "organisation": "",
    }
    data.update(changes)
    return data


# --- results -------------------------------------------------------------------------------------


def test_accountmanager_records_a_result_that_council_members_see(
    client_for, hengelo, account_manager, council_member
):
    effort = effort_2018(1)
    client = client_for(account_manager)
    response = client.post(f"/inspanningen/{effort.pk}/resultaat/", result_form())
    assert response.status_code == 302
    assert shown_messages(client) == ["Het resultaat is opgeslagen."]
    result = EffortResult.objects.get(effort=effort)
    assert result.status == ResultStatus.REALISED
    assert result.status_set_by == account_manager
    assert str(result.money_spent) == "1250.00"
    # A second save that changes the text adds history, and keeps who set the status.
    url = f"/inspanningen/{effort.pk}/resultaat/"
    client.post(url, result_form(summary="Afgerond.", **version(client, url)))
    assert result.history.count() == 2

    client = client_for(council_member)
    content = text(client.get(effort.get_absolute_url()))
    assert "Wat kwam ervan terecht" in content
    assert "Afgerond." in content
    assert "Gerealiseerd" in content
    assert "gezet door accountmanager" in content
    assert "Resultaat vastleggen" not in content  # council members read, never edit
    content = text(client.get("/inspanningen/"))
    assert "Gerealiseerd" in content and "Afgerond." in content


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"status_date": "2017-12-31"}, "status_date", "vóór het planjaar 2018"),
        ({"money_spent": "-5"}, "money_spent", "nul of meer"),
        ({"hours_spent": "-1"}, "hours_spent", "nul of meer"),
        ({"status": "klaar"}, "status", "Selecteer een geldige keuze"),
    ],
)
def test_bad_result_is_refused_at_the_field_and_nothing_is_saved(
    client_for, hengelo, account_manager, changes, field, message
):
    effort = effort_2018(2)
    response = client_for(account_manager).post(
        f"/inspanningen/{effort.pk}/resultaat/", result_form(**changes)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in " ".join(errors[field])
    assert "Niet opgeslagen" in text(response)
    assert not EffortResult.objects.exists()


def test_results_page_of_a_year_counts_per_status_and_filters(client, hengelo):
    for number, status in ((1, "gerealiseerd"), (3, "deels_gerealiseerd"), (5, "niet_doorgegaan")):
        EffortResult.objects.create(
            effort=effort_2018(number),
            status=status,
            status_date=datetime.date(2018, 12, 1),
            money_spent=1000,
        )
    response = client.get("/resultaten/2018/")
    assert response.status_code == 200
    content = text(response)
    assert "16 inspanningen" in content
    figures = response.context["figures"]
    assert {row["value"]: row["count"] for row in figures["statuses"]} == {
        "gepland": 13,
        "in_uitvoering": 0,
        "gerealiseerd": 1,
        "deels_gerealiseerd": 1,
        "niet_doorgegaan": 1,
    }
    assert figures["money_spent"] == 3000
    assert "voorbeeld" not in content  # real records carry no example mark
    filtered = client.get("/resultaten/2018/", {"status": "deels_gerealiseerd"})
    assert [effort.number for effort in filtered.context["efforts"]] == [3]
    grouped = client.get("/resultaten/2018/", {"groep": "partnerstad"})
    assert {effort.number for effort in grouped.context["efforts"]} == {3, 11}
    assert client.get("/resultaten/1999/").status_code == 404
    assert "Resultaten 2018" in text(client.get("/resultaten/"))


# --- the plan cycle ------------------------------------------------------------------------------


def test_the_2018_plan_is_the_seed_and_inspanningen_opens_on_it(client, hengelo):
    plan = WorkPlan.objects.get(year=2018)
    assert plan.title == "Geplande internationale Hengelose inspanningen 2018"
    assert plan.status == PlanStatus.IN_PROPOSAL
    content = text(client.get("/inspanningen/"))
    assert "16 inspanningen" in content
    assert "Geplande internationale Hengelose inspanningen 2018" in content
    assert "Bijlage A bij raadsvoorstel 2200511" in content


def shown_messages(client):
    """The messages the next page shows (and so takes from the session)."""
    from django.contrib.messages import get_messages

    return [str(message) for message in get_messages(client.get("/").wsgi_request)]


def draft_2019(client, carry):
    return client.post(
        "/werkplannen/nieuw/",
        {"year": "2019", "title": "", "introduction": "", "carry_over": [e.pk for e in carry]},
    )


def test_accountmanager_drafts_2019_carrying_over_efforts_and_adopts_it(
    client_for, hengelo, account_manager
):
    client = client_for(account_manager)
    form = client.get("/werkplannen/nieuw/")
    assert form.context["form"].initial["year"] == 2019
    carry = [effort_2018(number) for number in (1, 4, 5, 12, 16)]
    response = draft_2019(client, carry)
    assert response.status_code == 302
    assert shown_messages(client) == [
        "Het werkplan Internationale inspanningen 2019 is aangemaakt."
    ]
    plan = WorkPlan.objects.get(year=2019)
    assert plan.title == "Internationale inspanningen 2019"
    assert plan.status == PlanStatus.DRAFT
    new = list(Effort.objects.filter(year=2019).order_by("number"))
    assert [effort.carried_over_from for effort in new] == carry
    assert [effort.number for effort in new] == [1, 2, 3, 4, 5]
    assert new[0].title == effort_2018(1).title
    assert all(effort.visibility == Visibility.DRAFT for effort in new)
    assert set(new[2].themes.all()) == set(effort_2018(5).themes.all())

    # The draft is for staff only; the public /inspanningen/ still opens on 2018.
    client.logout()
    assert client.get("/inspanningen/", {"jaar": "2019"}).context["paginator"].count == 0
    assert "16 inspanningen" in text(client.get("/inspanningen/"))

    client = client_for(account_manager)
    content = text(client.get("/inspanningen/", {"jaar": "2019"}))
    assert "Internationale inspanningen 2019" in content
    assert "5 inspanningen" in content
    assert 'href="/inspanningen/?jaar=2018"' in content  # the other year one click away

    response = client.post(
        "/werkplannen/2019/inspanning/",
        {
            "title": "Bezoek aan de Europese Week van Regio's en Steden",
            "description": "",
            "expected_yield": "Relatiebeheer",
            "lead": "hengelo",
            "network": "",
            "forum": "",
        },
    )
    assert response.status_code == 302
    assert Effort.objects.get(year=2019, number=6).visibility == Visibility.DRAFT

    adopt = "/werkplannen/2019/vaststellen/"
    response = client.post(adopt, {"adopted_on": "2019-02-12", **version(client, adopt)})
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert shown_messages(client) == ["De vaststelling is vastgelegd; het werkplan is openbaar."]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED
    assert plan.adopted_on == datetime.date(2019, 2, 12)
    client.logout()
    content = text(client.get("/inspanningen/"))
    assert "6 inspanningen" in content
    assert "vastgesteld op 12 februari 2019" in content
    # An adopted plan is not edited in the portal any more.
    client = client_for(account_manager)
    assert client.get("/werkplannen/2019/").status_code == 404
    effort = Effort.objects.get(year=2019, number=1)
    assert client.get(f"/inspanningen/{effort.pk}/wijzigen/").status_code == 404


def test_carrying_over_an_effort_twice_is_refused_at_the_field(
    client_for, hengelo, account_manager
):
    client = client_for(account_manager)
    draft_2019(client, [effort_2018(3)])
    before = Effort.objects.count()
    response = client.post(
        "/werkplannen/2019/overnemen/", {"efforts": [effort_2018(3).pk, effort_2018(7).pk]}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["efforts"]
    assert "Al in het werkplan 2019" in errors["efforts"][0]
    assert Effort.objects.count() == before
    response = client.post("/werkplannen/2019/overnemen/", {"efforts": [effort_2018(7).pk]})
    assert response.status_code == 302
    assert response["Location"] == "/werkplannen/2019/"
    assert shown_messages(client) == [
        "1 inspanningen overgenomen in Internationale inspanningen 2019."
    ]
    assert Effort.objects.filter(year=2019, carried_over_from=effort_2018(7)).exists()


def test_adopting_needs_a_date_and_a_plan_year_needs_a_free_year(
    client_for, hengelo, account_manager
):
    client = client_for(account_manager)
    response = client.post("/werkplannen/nieuw/", {"year": "2018", "title": ""})
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
    draft_2019(client, [])
    adopt = "/werkplannen/2019/vaststellen/"
    response = client.post(adopt, {"adopted_on": "", **version(client, adopt)})
    assert list(response.context["form"].errors) == ["adopted_on"]
    response = client.post(adopt, {"adopted_on": "2016-05-01", **version(client, adopt)})
    assert "niet vóór 2018" in " ".join(response.context["form"].errors["adopted_on"])
    assert WorkPlan.objects.get(year=2019).status == PlanStatus.DRAFT


# --- permissions ---------------------------------------------------------------------------------

EDIT_URLS = [
    "/inspanningen/{effort}/resultaat/",
    "/werkplannen/nieuw/",
    "/werkplannen/2019/",
    "/werkplannen/2019/overnemen/",
    "/werkplannen/2019/vaststellen/",
    "/werkplannen/2019/inspanning/",
    "/inspanningen/{draft_effort}/wijzigen/",
]


@pytest.fixture
def draft_plan(hengelo):
    plan = WorkPlan.objects.create(year=2019, title="Internationale inspanningen 2019")
    effort = Effort.objects.create(
        year=2019,
        number=1,
        title="Concept",
        expected_yield="Lobby",
        lead="hengelo",
        visibility=Visibility.DRAFT,
    )
    return plan, effort


@pytest.mark.parametrize("url", EDIT_URLS)
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
def test_only_the_accountmanager_edits_results_and_plans(
    request, client_for, draft_plan, url, role, status
):
    user = request.getfixturevalue(role) if role else None
    _plan, draft_effort = draft_plan
    address = url.format(effort=effort_2018(1).pk, draft_effort=draft_effort.pk)
    response = client_for(user).get(address)
    assert response.status_code == status, address
    if status == 302:
        assert response["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("url", ["/resultaten/", "/resultaten/2018/", "/inspanningen/"])
@pytest.mark.parametrize(
    "role",
    [None, "council_member", "clerk", "finance_user", "communications_user", "account_manager"],
)
def test_result_pages_are_open_to_every_role(request, client_for, hengelo, url, role):
    user = request.getfixturevalue(role) if role else None
    response = client_for(user).get(url)
    assert response.status_code == 200
    has_button = "Nieuw werkplan opstellen" in text(response)
    assert has_button == (role == "account_manager" and url == "/resultaten/")


# --- query budgets -------------------------------------------------------------------------------


@pytest.fixture
def ten_years(hengelo):
    """Ten years of plans, each with 16 efforts of which most have a result."""
    from networks.models import Network

    # Real keys: on PostgreSQL the sequences do not restart at 1 for each test.
    network_ids = list(Network.objects.order_by("pk").values_list("pk", flat=True))
    efforts = []
    for year in range(2019, 2029):
        WorkPlan.objects.create(
            year=year,
            title=f"Internationale inspanningen {year}",
            status=PlanStatus.ADOPTED,
            adopted_on=datetime.date(year, 2, 1),
        )
        for number in range(1, 17):
            efforts.append(
                Effort(
                    year=year,
                    number=number,
                    title=f"Inspanning {number}",
                    expected_yield="Lobby",
                    lead="hengelo",
                    network_id=network_ids[number % 3],
                    carried_over_from=None,
                )
            )
    Effort.objects.bulk_create(efforts)
    EffortResult.objects.bulk_create(
        EffortResult(
            effort=effort,
            status="gerealiseerd",
            status_date=datetime.date(effort.year, 6, 1),
            summary="Gedaan",
            money_spent=100,
        )
        for effort in Effort.objects.filter(year__gte=2019, number__lte=12)
    )


@pytest.mark.parametrize(
    "url", ["/inspanningen/", "/inspanningen/?jaar=", "/resultaten/", "/resultaten/2020/"]
)
def test_plan_and_result_pages_query_budget_at_ten_years(
    client_for, ten_years, council_member, django_assert_max_num_queries, url
):
    client = client_for(council_member)
    client.get(url)  # warm caches such as content types
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200
    if url == "/resultaten/":
        assert len(response.context["years"]) == 11
    effort = Effort.objects.get(year=2020, number=1)
    with django_assert_max_num_queries(25):
        assert client.get(effort.get_absolute_url()).status_code == 200
