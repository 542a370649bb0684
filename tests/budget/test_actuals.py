"""Realised amounts beside the budgeted ones (issue 14): the form, the import, the pages, the PDF.

The seeds give budgets, not what was spent: the real data has no actuals, only the demo command
invents them, marked as examples.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from budget.models import BudgetLine
from tests.budget.conftest import text_of
from tests.editing import loaded

pytestmark = pytest.mark.django_db

RIS = "regionale-internationale-samenwerking"
HEADER = "jaar;product;omschrijving;categorie;soort;bedrag;realisatie"


def euregio(year=2018):
    return BudgetLine.objects.get(year=year, name="Lidmaatschap EUREGIO")


def test_the_seed_has_no_actuals_and_the_pages_say_so(client, hengelo):
    assert not BudgetLine.objects.filter(actual__isnull=False).exists()
    text = text_of(client.get(reverse("budget:overview")).content.decode())
    assert "Begroot en gerealiseerd" in text
    assert "Er zijn nog geen gerealiseerde bedragen vastgelegd." in text
    text = text_of(client.get(euregio().get_absolute_url()).content.decode())
    assert "Gerealiseerd nog niet vastgelegd" in text


def test_finance_records_an_actual_and_every_budget_page_shows_the_difference(
    client, hengelo, finance_user
):
    line = euregio()
    assert line.amount == Decimal("23500")
    client.force_login(finance_user)
    url = reverse("budget:line-update", args=[line.pk])
    response = client.post(url, loaded(client, url, actual="22.750"))
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.actual == Decimal("22750") and not line.actual_is_example
    assert line.difference == Decimal("-750")

    client.logout()  # the budget pages are public
    detail = text_of(client.get(line.get_absolute_url()).content.decode())
    assert "Begroot € 23.500 Gerealiseerd € 22.750 Verschil − € 750" in detail
    assert "2018 € 23.500 € 22.750 − € 750" in detail  # the same line in other years
    overview = text_of(client.get(reverse("budget:overview")).content.decode())
    assert "Realisatie 2018" in overview
    assert "Lidmaatschap EUREGIO Regionale en internationale samenwerking € 23.500 € 22.750" in (
        overview
    )
    assert "Totaal € 23.500 € 22.750 − € 750" in overview
    assert "voorbeeld" not in overview
    listing = text_of(client.get(reverse("budget:line-list") + "?jaar=2018").content.decode())
    assert "€ 23.500 € 22.750 − € 750" in listing


@pytest.mark.parametrize(
    ("actual", "message"),
    [
        ("-5", "Een bedrag kan niet negatief zijn."),
        ("veel", "Vul een bedrag in cijfers in"),
        ("12,345", "hoogstens twee cijfers achter de komma"),
        ("1.000.000.000.000", "Dit bedrag is te groot."),
    ],
)
def test_a_bad_actual_gets_a_dutch_message_at_the_field_and_nothing_is_saved(
    client, hengelo, finance_user, actual, message
):
    line = euregio()
    note = line.note
    client.force_login(finance_user)
    url = reverse("budget:line-update", args=[line.pk])
    response = client.post(url, loaded(client, url, actual=actual, note="Mag niet mee"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["actual"], errors
    assert message in " ".join(errors["actual"])
    line.refresh_from_db()
    assert line.actual is None and line.note == note


def test_an_actual_for_a_year_that_has_not_begun_is_refused(client, hengelo, finance_user):
    next_year = timezone.localdate().year + 1
    line = euregio()
    line.pk, line.year = None, next_year
    line.save()
    client.force_login(finance_user)
    url = reverse("budget:line-update", args=[line.pk])
    response = client.post(url, loaded(client, url, actual="100"))
    assert response.status_code == 200
    assert f"Het jaar {next_year} is nog niet begonnen" in " ".join(
        response.context["form"].errors["actual"]
    )
    line.refresh_from_db()
    assert line.actual is None


def upload(client, *rows, header=HEADER):
    content = "\n".join([header, *rows]) + "\n"
    file = SimpleUploadedFile("regels.csv", content.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("budget:line-import"), {"bestand": file})


def confirm(client, response):
    token = response.context["token"]
    return client.post(reverse("budget:line-import"), {"stap": "bevestigen", "token": token})


def test_the_import_reads_an_optional_realisatie_column(client, hengelo, finance_user):
    client.force_login(finance_user)
    response = upload(
        client,
        f"2018;{RIS};Lidmaatschap EUREGIO;lidmaatschap;structureel;23500;24.100,50",
        f"2018;{RIS};Lidmaatschap Eurocities;lidmaatschap;structureel;4400;",
    )
    assert response.status_code == 200, response.context["report"].problems
    text = text_of(response.content.decode())
    assert "realisatie: – → € 24.100,50" in text
    assert confirm(client, response).status_code == 302
    assert euregio().actual == Decimal("24100.50")
    assert euregio().difference == Decimal("600.50")
    assert BudgetLine.objects.get(year=2018, name="Lidmaatschap Eurocities").actual is None

    # An empty cell keeps what is recorded; a file without the column too.
    response = upload(client, f"2018;{RIS};Lidmaatschap EUREGIO;lidmaatschap;structureel;23500;")
    assert response.status_code == 200
    assert confirm(client, response).status_code == 302
    assert euregio().actual == Decimal("24100.50")
    header = HEADER.replace(";realisatie", "")
    response = upload(
        client, f"2018;{RIS};Lidmaatschap EUREGIO;lidmaatschap;structureel;23500", header=header
    )
    assert confirm(client, response).status_code == 302
    assert euregio().actual == Decimal("24100.50")

    # The export writes the column, so that a sheet goes out and comes back.
    exported = client.get(reverse("budget:line-export", args=["csv"]) + "?jaar=2018")
    assert ";realisatie\r\n" in exported.content.decode() or ";realisatie\n" in (
        exported.content.decode()
    )
    assert "Lidmaatschap EUREGIO" in exported.content.decode()
    assert ";24100,50" in exported.content.decode()


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("-10", "Een bedrag kan niet negatief zijn."),
        ("twintig", "‘twintig’ is geen getal"),
        ("1,005", "hoogstens twee cijfers achter de komma"),
    ],
)
def test_a_bad_realisatie_cell_is_named_with_its_column_and_nothing_is_saved(
    client, hengelo, finance_user, cell, message
):
    client.force_login(finance_user)
    response = upload(
        client,
        f"2018;{RIS};Lidmaatschap EUREGIO;lidmaatschap;structureel;23500;{cell}",
        f"2018;{RIS};Lidmaatschap Eurocities;lidmaatschap;structureel;4400;4000",
    )
    assert response.status_code == 400
    found = [(p.row, p.column, p.message) for p in response.context["report"].problems]
    assert [(row, column) for row, column, _ in found] == [(2, "realisatie")]
    assert message in found[0][2]
    assert not BudgetLine.objects.filter(actual__isnull=False).exists()


def test_the_import_refuses_an_actual_for_a_year_that_has_not_begun(client, hengelo, finance_user):
    next_year = timezone.localdate().year + 1
    client.force_login(finance_user)
    response = upload(client, f"{next_year};{RIS};Nieuwe regel;lidmaatschap;structureel;100;90")
    assert response.status_code == 400
    problems = response.context["report"].problems
    assert [(p.row, p.column) for p in problems] == [(2, "realisatie")]
    assert "nog niet begonnen" in problems[0].message
