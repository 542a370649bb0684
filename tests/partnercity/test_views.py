from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from partnercity.models import Activity, GrantScheme
from tests.factories import ActivityFactory, GrantAwardFactory, scale_hengelo_data

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


@pytest.fixture
def emsdetten_scheme(hengelo):
    return GrantScheme.objects.get(name="Subsidieregeling Emsdetten")


def award(scheme, amount, year, recipient="Muziekvereniging Hengelo"):
    return GrantAwardFactory(
        scheme=scheme,
        year=year,
        amount=Decimal(amount),
        recipient=recipient,
        awarded_on=date(year, 3, 1),
    )


def test_partner_city_page_shows_the_band_association_and_activities(client, hengelo):
    response = client.get("/partnerstad/emsdetten/")
    assert response.status_code == 200
    content = text(response)
    assert "Partnerschap (stedenband)" in content
    assert "meer dan 25 jaar (stand november 2016)" in content
    assert "Nordrhein-Westfalen" in content
    assert "Vereniging partnerstad Emsdetten" in content
    assert "Op te richten" in content
    assert "€\xa05.000 per jaar, vanaf 2018" in content
    assert "Uitwisseling ondernemers binnenstad Hengelo-Emsdetten" in content
    assert "Uitwisseling raadsleden Hengelo - Emsdetten" in content
    budget = content[content.index('id="budget-kop"') :]
    assert "Activiteiten partnerschap Emsdetten" in budget
    assert "€\xa07.000" in budget


def test_activities_form_a_timeline_by_year(client, hengelo):
    city = Activity.objects.first().partner_city
    ActivityFactory(partner_city=city, title="Bezoek schoolorkest", year=2019)
    content = text(client.get("/partnerstad/emsdetten/"))
    timeline = content[content.index('id="activiteiten-kop"') :]
    assert timeline.index(">2018<") < timeline.index(">2019<")
    assert timeline.index("Uitwisseling raadsleden") < timeline.index("Bezoek schoolorkest")


def test_grant_use_this_year_against_the_ceiling(client, emsdetten_scheme):
    this_year = timezone.localdate().year
    award(emsdetten_scheme, "1000", this_year)
    award(emsdetten_scheme, "500", this_year, recipient="Toneelclub")
    award(emsdetten_scheme, "2000", this_year - 1)  # another year does not count
    content = text(client.get("/partnerstad/emsdetten/"))
    expected = f"In {this_year} is €\xa01.500 toegekend van het plafond van €\xa02.500 (60%)."
    assert expected in content
    assert "Nog beschikbaar: €\xa01.000." in content
    assert "Toneelclub" in content
    assert '<progress class="grant-progress" max="2500.00" value="1500.00"' in content
    # The list of partner cities answers the same question.
    assert expected in text(client.get("/partnerstad/"))


def test_grant_use_of_another_year_and_a_bad_year(client, emsdetten_scheme):
    award(emsdetten_scheme, "2500", 2019)
    content = text(client.get("/partnerstad/emsdetten/", {"jaar": "2019"}))
    assert "In 2019 is €\xa02.500 toegekend van het plafond van €\xa02.500 (100%)." in content
    assert "Het plafond is bereikt." in content
    response = client.get("/partnerstad/emsdetten/", {"jaar": "volgend jaar"})
    assert response.status_code == 200
    content = text(response)
    this_year = timezone.localdate().year
    assert f"‘volgend jaar’ is geen geldig jaar; u ziet het jaar {this_year}." in content
    assert f"In {this_year} is €\xa00 toegekend" in content
    # '²' passes str.isdigit() but not int(): a warning, not a crash.
    response = client.get("/partnerstad/emsdetten/", {"jaar": "²"})
    assert response.status_code == 200
    assert "‘²’ is geen geldig jaar" in text(response)


def test_internal_activity_is_hidden_from_the_public(client_for, hengelo, council_member):
    Activity.objects.filter(title__startswith="Uitwisseling raadsleden").update(visibility="intern")
    assert "Uitwisseling raadsleden" not in text(client_for(None).get("/partnerstad/emsdetten/"))
    content = text(client_for(council_member).get("/partnerstad/emsdetten/"))
    assert "Uitwisseling raadsleden" in content
    assert 'class="badge badge-concept">intern' in content


def test_unknown_partner_city_gives_the_site_404(client, hengelo):
    response = client.get("/partnerstad/atlantis/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in text(response)


@pytest.mark.long
def test_query_budgets_at_ten_times_the_data(
    client_for, emsdetten_scheme, council_member, django_assert_max_num_queries
):
    scale_hengelo_data(10)
    this_year = timezone.localdate().year
    for amount in ("100", "200", "300"):
        award(emsdetten_scheme, amount, this_year)
    # Queries for an anonymous visitor; logged in, the session, the user and the roles add three.
    for user in (None, council_member):
        client = client_for(user)
        for url, budget in (("/partnerstad/", 6), ("/partnerstad/emsdetten/", 7)):
            with django_assert_max_num_queries(budget + (3 if user else 0), info=url):
                response = client.get(url)
            assert response.status_code == 200
