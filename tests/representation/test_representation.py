"""Mandates in networks and trips abroad (issue 14), through the HTTP client."""

import datetime

import pytest

from networks.models import Network
from representation.models import Mandate, OfficeHolder, Trip

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_network_page_answers_who_represents_us(client, hengelo):
    content = text(client.get("/netwerken/euregio/"))
    assert "Wie vertegenwoordigt Hengelo" in content
    assert "EUREGIO-Raad" in content
    assert "twee raadsleden van Hengelo" in content
    assert "Annotatie aan het college, 25 november 2016" in content
    content = text(client.get("/vertegenwoordiging/"))
    assert "Bestuurlijk Overleg Belangenbehartiging" in content
    assert "vicevoorzitter" in content and "Enschede is voorzitter" in content
    assert "gedeeld door Enschede, Almelo en Hengelo" in content
    assert "sinds januari 2024" in content


def test_officials_are_named_for_staff_only_office_holders_for_everyone(
    client_for, hengelo, council_member
):
    euregio = Network.objects.get(slug="euregio")
    official = OfficeHolder.objects.create(name="Anna Ambtenaar", office="ambtenaar")
    alderman = OfficeHolder.objects.create(name="Wim Wethouder", office="wethouder")
    Mandate.objects.create(network=euregio, body="Commissie grens", role="lid", holder=official)
    Mandate.objects.create(network=euregio, body="Algemeen bestuur", role="lid", holder=alderman)
    content = text(client_for(None).get("/netwerken/euregio/"))
    assert "Wim Wethouder" in content
    assert "Anna Ambtenaar" not in content and "Commissie grens" in content
    content = text(client_for(council_member).get("/netwerken/euregio/"))
    assert "Anna Ambtenaar" in content


def mandate_form(**changes):
    data = {
        "network": Network.objects.get(slug="mont").pk,
        "body": "Spitzengespräch",
        "role": "lid",
        "holder": OfficeHolder.objects.get(name="Burgemeester van Hengelo").pk,
        "holder_note": "",
        "seats": "",
        "starts_on": "2019-01-01",
        "ends_on": "2022-12-31",
        "period_note": "",
        "source": "",
        "visibility": "openbaar",
    }
    data.update(changes)
    return data


def test_accountmanager_records_a_mandate_and_a_bad_period_is_refused(
    client_for, hengelo, account_manager
):
    client = client_for(account_manager)
    response = client.post("/vertegenwoordiging/nieuw/", mandate_form(ends_on="2018-12-31"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["ends_on"]
    assert "kan niet eindigen voordat het begint" in errors["ends_on"][0]
    assert not Mandate.objects.filter(body="Spitzengespräch").exists()
    assert client.post("/vertegenwoordiging/nieuw/", mandate_form()).status_code == 302
    mandate = Mandate.objects.get(body="Spitzengespräch")
    assert mandate.history.count() == 1


def trip_form(**changes):
    data = {
        "title": "Werkbezoek Münster",
        "destination": "Münster",
        "country": "DE",
        "year": "2018",
        "starts_on": "2018-05-03",
        "ends_on": "2018-05-03",
        "date_note": "",
        "purpose": "Kennismaken",
        "participants": [OfficeHolder.objects.get(name="Burgemeester van Hengelo").pk],
        "participants_note": "",
        "costs": "250,50",
        "report": "Goed gesprek.",
        "networks": [Network.objects.get(slug="mont").pk],
        "efforts": [],
        "source": "",
        "visibility": "openbaar",
    }
    data.update(changes)
    return data


def test_trips_of_office_holders_are_public_others_for_staff(
    client_for, hengelo, account_manager, council_member
):
    client = client_for(account_manager)
    assert client.post("/reizen/nieuw/", trip_form()).status_code == 302
    official = OfficeHolder.objects.create(name="Anna Ambtenaar", office="ambtenaar")
    response = client.post(
        "/reizen/nieuw/", trip_form(title="Ambtelijk overleg", participants=[official.pk])
    )
    assert response.status_code == 302
    response = client.post("/reizen/nieuw/", trip_form(title="Fout", costs="-3"))
    assert "costs" in response.context["form"].errors
    response = client.post(
        "/reizen/nieuw/", trip_form(title="Fout", starts_on="2018-05-03", ends_on="2018-05-01")
    )
    assert list(response.context["form"].errors) == ["ends_on"]
    assert not Trip.objects.filter(title="Fout").exists()

    content = text(client_for(None).get("/reizen/"))
    assert "Werkbezoek Münster" in content and "Ambtelijk overleg" not in content
    assert "Burgemeesters van Eurocities in Straatsburg" in content  # seed 002
    trip = Trip.objects.get(title="Ambtelijk overleg")
    assert client_for(None).get(trip.get_absolute_url()).status_code == 404
    assert client_for(council_member).get(trip.get_absolute_url()).status_code == 200


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
def test_only_the_accountmanager_edits_mandates_and_trips(
    request, client_for, hengelo, role, status
):
    user = request.getfixturevalue(role) if role else None
    client = client_for(user)
    mandate = Mandate.objects.first()
    trip = Trip.objects.first()
    for url in (
        "/vertegenwoordiging/nieuw/",
        f"/vertegenwoordiging/{mandate.pk}/wijzigen/",
        "/reizen/nieuw/",
        f"/reizen/{trip.pk}/wijzigen/",
    ):
        assert client.get(url).status_code == status, url
    for url in ("/vertegenwoordiging/", "/reizen/", trip.get_absolute_url()):
        assert client.get(url).status_code == 200, url


def test_trip_and_mandate_pages_query_budget_at_1000_trips(
    client_for, hengelo, council_member, django_assert_max_num_queries
):
    people = OfficeHolder.objects.bulk_create(
        OfficeHolder(name=f"Raadslid {n}", office="raadslid") for n in range(20)
    )
    trips = Trip.objects.bulk_create(
        Trip(
            title=f"Reis {n}",
            destination="Münster",
            year=2018 + n % 10,
            starts_on=datetime.date(2018 + n % 10, 1 + n % 12, 1),
            purpose="Test",
        )
        for n in range(1000)
    )
    Trip.participants.through.objects.bulk_create(
        Trip.participants.through(trip=trip, officeholder=people[n % 20])
        for n, trip in enumerate(trips)
    )
    from networks.models import Network

    # Real keys: on PostgreSQL the sequences do not restart at 1 for each test.
    network_ids = list(Network.objects.order_by("pk").values_list("pk", flat=True))
    Mandate.objects.bulk_create(
        Mandate(
            body=f"Orgaan {n}", role="lid", holder=people[n % 20], network_id=network_ids[n % 9]
        )
        for n in range(100)
    )
    for user in (None, council_member):
        client = client_for(user)
        for url in ("/reizen/", "/reizen/?pagina=5", "/vertegenwoordiging/", "/netwerken/euregio/"):
            client.get(url)
            with django_assert_max_num_queries(20, info=url):
                assert client.get(url).status_code == 200
