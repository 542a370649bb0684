"""Editing by the finance role through forms, with Dutch messages at the field and history."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from budget.models import BudgetLine, BudgetProduct, ProductBudget, StaffPosition
from core.constants import Role
from tests.budget.conftest import text_of
from tests.editing import version

pytestmark = pytest.mark.django_db


def line_data(**changes):
    data = {
        "product": BudgetProduct.objects.get(code="regionale-internationale-samenwerking").pk,
        "year": "2023",
        "name": "Lidmaatschap ERRIN",
        "category": "lidmaatschap",
        "recurrence": "structureel",
        "amount": "3.500,00",
        "basis": "begroting",
        "network": "",
        "proposal": "",
        "partner_city": "",
        "note": "",
    }
    data.update(changes)
    return data


def test_finance_adds_a_line_and_the_history_names_them(client, hengelo, finance_user):
    client.force_login(finance_user)
    response = client.post(reverse("budget:line-create"), line_data())
    line = BudgetLine.objects.get(name="Lidmaatschap ERRIN")
    assert response.status_code == 302 and response.url == line.get_absolute_url()
    assert line.amount == Decimal("3500.00")
    record = line.history.get()
    assert record.history_user == finance_user and record.history_type == "+"

    url = reverse("budget:line-update", args=[line.pk])
    response = client.post(url, {**line_data(amount="4000"), **version(client, url)})
    assert response.status_code == 302
    text = text_of(client.get(line.get_absolute_url()).content.decode())
    assert "financien" in text
    assert "Bedrag: € 3.500 → € 4.000" in text
    changes = text_of(client.get(reverse("budget:changes")).content.decode())
    assert "financien Lidmaatschap ERRIN 2023" in changes


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "-10"}, "amount", "Een bedrag kan niet negatief zijn."),
        ({"amount": "veel"}, "amount", "Vul een bedrag in cijfers in"),
        ({"year": ""}, "year", "Vul het jaar in."),
        ({"year": "1999"}, "year", "Het jaar moet tussen 2000 en 2100 liggen."),
        ({"year": "2101"}, "year", "Het jaar moet tussen 2000 en 2100 liggen."),
        (
            {"year": "2017", "name": "Lidmaatschap EUREGIO"},
            None,
            "Dit product heeft in dit jaar al een regel met deze omschrijving.",
        ),
    ],
)
def test_bad_line_input_gets_a_dutch_message_at_the_field(
    client, hengelo, finance_user, changes, field, message
):
    client.force_login(finance_user)
    before = BudgetLine.objects.count()
    response = client.post(reverse("budget:line-create"), line_data(**changes))
    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors.get(field or "__all__", [])
    assert any(message in error for error in errors), form.errors
    assert message in response.content.decode().replace("&#x27;", "'")
    assert BudgetLine.objects.count() == before


def test_a_position_above_one_fte_is_refused(client, hengelo, finance_user):
    client.force_login(finance_user)
    position = StaffPosition.objects.get(title="Accountmanager internationaal")
    data = {
        "title": position.title,
        "fte": "1,5",
        "yearly_cost": "40000",
        "recurrence": "structureel",
        "start_year": "2019",
        "is_indicative": "on",
        "indicative_note": position.indicative_note,
        "proposal": position.proposal_id,
    }
    url = reverse("budget:position-update", args=[position.pk])
    data.update(version(client, url))
    response = client.post(url, data)
    assert response.status_code == 200
    assert "De omvang moet groter dan 0 en hoogstens 1 fte zijn." in response.content.decode()
    position.refresh_from_db()
    assert position.fte == Decimal("0.50")

    data["fte"] = "0,6"
    data["yearly_cost"] = "48.000"
    response = client.post(url, data)
    assert response.status_code == 302
    position.refresh_from_db()
    assert (position.fte, position.yearly_cost) == (Decimal("0.60"), Decimal("48000"))
    assert position.history.first().history_user.username == "financien"
    text = text_of(client.get(reverse("budget:overview")).content.decode())
    assert "Twee nieuwe functies € 64.000" in text


def test_a_product_budget_edit_flows_into_the_derivation(client, hengelo, finance_user):
    client.force_login(finance_user)
    budget = ProductBudget.objects.get(product__code="strategische-lobby", year=2017)
    url = reverse("budget:productbudget-update", args=[budget.pk])
    response = client.post(
        url,
        {
            "product": budget.product_id,
            "year": "2017",
            "amount": "90000",
            "source": "Begrotingswijziging",
            "basis": "begroting",
            **version(client, url),
        },
    )
    assert response.status_code == 302
    text = text_of(client.get(reverse("budget:derivation")).content.decode())
    assert "= Beschikbaar € 241.067" in text
    assert "verschil + € 26.374" in text


@pytest.mark.parametrize("url_name", ["budget:line-create", "budget:line-import"])
def test_only_finance_may_edit(client, hengelo, council_member, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and "/inloggen/" in response.url
    client.force_login(council_member)
    assert client.get(reverse(url_name)).status_code == 403
    assert client.post(reverse(url_name), line_data()).status_code == 403
    assert not BudgetLine.objects.filter(name="Lidmaatschap ERRIN").exists()


def test_edit_links_only_for_finance(client, hengelo, council_member, finance_user):
    client.force_login(council_member)
    assert (
        reverse("budget:line-create") not in client.get(reverse("budget:overview")).content.decode()
    )
    client.force_login(finance_user)
    assert reverse("budget:line-create") in client.get(reverse("budget:overview")).content.decode()


def test_finance_deletes_a_line_and_the_history_keeps_it(client, hengelo, finance_user):
    client.force_login(finance_user)
    line = BudgetLine.objects.get(year=2020, name="Lidmaatschap EUREGIO")
    response = client.post(reverse("budget:line-delete", args=[line.pk]))
    assert response.status_code == 302
    assert not BudgetLine.objects.filter(pk=line.pk).exists()
    text = text_of(client.get(reverse("budget:changes")).content.decode())
    assert (
        "financien Lidmaatschap EUREGIO 2020 Regionale en internationale samenwerking Verwijderd"
        in text
    )


def test_the_new_line_form_is_kept_per_session_and_still_posts(hengelo, finance_user, make_user):
    """core.private_cache on the empty form: the same session gets its own copy, whose CSRF
    token still posts; another user gets their own; a new choice shows on the next request."""
    url = reverse("budget:line-create")
    client = Client(enforce_csrf_checks=True)
    client.force_login(finance_user)
    client.get(url)  # the CSRF cookie, as a browser has it after its first page
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert cached.content == first.content
    assert "private" in cached["Cache-Control"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', cached.content.decode())[1]
    # A new record's version is empty: nothing in the kept page depends on the time.
    assert '<input type="hidden" name="versie" id="id_versie">' in cached.content.decode()
    response = client.post(url, {**line_data(), "csrfmiddlewaretoken": token, "versie": ""})
    assert response.status_code == 302
    assert BudgetLine.objects.filter(name="Lidmaatschap ERRIN").exists()

    colleague = Client()
    colleague.force_login(make_user("collega", Role.FINANCE))
    colleague.get(url)
    assert colleague.get(url)["X-Page-Cache"] == "miss"

    with_message = client.get(url)  # the save's message is shown once, never from the cache
    assert with_message.get("X-Page-Cache") is None
    assert client.get(url)["X-Page-Cache"] == "miss"  # the save made the old copy stale
    assert client.get(url)["X-Page-Cache"] == "hit"
    BudgetProduct.objects.create(code="nieuw-product", name="Een nieuw product")
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Een nieuw product" in fresh.content.decode()
