"""Budget lines out and in as CSV and XLSX: a dry run lists every bad row, and one bad row saves
nothing."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budget.models import BudgetLine
from budget.services import import_lines
from tests.budget.conftest import text_of

pytestmark = pytest.mark.django_db

HEADER = "jaar;product;omschrijving;categorie;soort;bedrag;herkomst;netwerk;voorstel;partnerstad"
RIS = "regionale-internationale-samenwerking"


def csv_file(*rows, header=HEADER, name="regels.csv"):
    content = "\n".join([header, *rows]) + "\n"
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def upload(client, file):
    return client.post(reverse("budget:line-import"), {"bestand": file})


def problems(response):
    return [(p.row, p.column, p.message) for p in response.context["report"].problems]


def snapshot():
    return list(BudgetLine.objects.order_by("pk").values_list("pk", "year", "name", "amount"))


def test_export_as_csv_for_a_dutch_spreadsheet(client, hengelo):
    response = client.get(reverse("budget:line-export", args=["csv"]) + "?jaar=2017")
    assert response["Content-Disposition"] == 'attachment; filename="begrotingsregels.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffjaar;product;omschrijving;categorie;soort;bedrag;herkomst;")
    assert (
        f"2017;{RIS};Lidmaatschap EUREGIO;lidmaatschap;structureel;23500,00;raadsvoorstel;euregio;;"
        in text
    )
    assert len(text.strip().splitlines()) == 4  # the header and the three lines of 2017


def test_export_as_xlsx(client, hengelo):
    response = client.get(reverse("budget:line-export", args=["xlsx"]) + "?netwerk=eurocities")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:6] == ("jaar", "product", "omschrijving", "categorie", "soort", "bedrag")
    assert len(rows) == 7  # header + 2017-2022
    assert {row[5] for row in rows[1:]} == {4400}


def test_a_round_trip_dry_run_then_import(client, hengelo, finance_user):
    client.force_login(finance_user)
    exported = client.get(reverse("budget:line-export", args=["csv"]) + "?jaar=2017")
    content = exported.content.decode("utf-8").replace(";23500,00;", ";24.250,50;")
    content += f"2017;{RIS};Lidmaatschap ERRIN;lidmaatschap;structureel;€ 3.500;begroting;;;\n"
    before = snapshot()

    response = upload(client, SimpleUploadedFile("regels.csv", content.encode("utf-8")))
    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "alle 4 rijen zijn in orde. Bij importeren: 1 nieuw, 1 gewijzigd, 2 ongewijzigd." in text
    assert "bedrag: € 23.500 → € 24.250,50" in text
    assert snapshot() == before  # a dry run saves nothing

    token = response.context["token"]
    response = client.post(reverse("budget:line-import"), {"stap": "bevestigen", "token": token})
    assert response.status_code == 302
    euregio = BudgetLine.objects.get(year=2017, name="Lidmaatschap EUREGIO")
    assert euregio.amount == Decimal("24250.50")
    errin = BudgetLine.objects.get(name="Lidmaatschap ERRIN")
    assert errin.amount == Decimal("3500")
    record = euregio.history.first()
    assert record.history_user == finance_user
    assert record.history_change_reason == "Import van regels.csv"
    assert record.history_type == "~" and record.amount == Decimal("24250.50")
    [created] = errin.history.all()  # written in bulk, as one record per line
    assert (created.history_type, created.history_user) == ("+", finance_user)
    assert created.history_change_reason == "Import van regels.csv"
    assert (created.name, created.amount, created.product_id) == (
        "Lidmaatschap ERRIN",
        Decimal("3500"),
        errin.product_id,
    )
    # the derivation follows at once
    derivation = text_of(client.get(reverse("budget:derivation")).content.decode())
    assert "= Resteert volgens de opgeslagen regels € 200.858,50" in derivation


def test_every_bad_row_is_named_with_its_column_and_nothing_is_saved(client, hengelo, finance_user):
    client.force_login(finance_user)
    before = snapshot()
    file = csv_file(
        f"2023;{RIS};Goede regel;lidmaatschap;structureel;1000;;;;",  # row 2: fine
        f"2023;{RIS};Negatief;lidmaatschap;structureel;-50;;;;",  # row 3
        f";{RIS};Zonder jaar;lidmaatschap;structureel;10;;;;",  # row 4
        f"1990;{RIS};Te vroeg;lidmaatschap;structureel;10;;;;",  # row 5
        f"2023;{RIS};Geen getal;lidmaatschap;structureel;veel;;;;",  # row 6
        f"2023;{RIS};Goede regel;lidmaatschap;structureel;1000;;;;",  # row 7: duplicate of 2
        "2023;nergens;Onbekend product;reizen;jaarlijks;10;;mars;2200511-42;",  # row 8
    )
    response = upload(client, file)
    assert response.status_code == 400
    found = problems(response)
    assert (3, "bedrag", "Een bedrag kan niet negatief zijn.") in found
    assert (4, "jaar", "Het jaar ontbreekt.") in found
    assert (5, "jaar", "Het jaar 1990 ligt buiten het bereik 2000-2100.") in found
    assert (
        6,
        "bedrag",
        "‘veel’ is geen getal; schrijf het bedrag als 23500 of 23.500,00.",
    ) in found
    assert (
        7,
        "omschrijving",
        "Dubbele regel: rij 2 heeft hetzelfde product, jaar en dezelfde omschrijving.",
    ) in found
    row8 = {column: message for row, column, message in found if row == 8}
    assert row8["product"] == "Er is geen product met de code ‘nergens’."
    assert row8["categorie"].startswith("‘reizen’ is geen geldige categorie; kies uit:")
    assert row8["soort"].startswith("‘jaarlijks’ is geen geldige soort")
    assert row8["netwerk"] == "Er is geen netwerk ‘mars’."
    assert row8["voorstel"].startswith("Er is geen voorstel ‘2200511-42’")
    assert 2 not in {row for row, _column, _message in found}
    text = text_of(response.content.decode())
    assert "Er is niets opgeslagen: regels.csv heeft 10 fouten in 6 rij(en)." in text
    assert "rij 6 bedrag ‘veel’ is geen getal" in text
    assert 'name="token"' not in response.content.decode()  # no way to confirm
    assert snapshot() == before


def test_one_bad_row_saves_nothing_even_without_the_dry_run(hengelo):
    before = snapshot()
    content = "\n".join(
        [
            HEADER,
            f"2017;{RIS};Lidmaatschap EUREGIO;lidmaatschap;structureel;99999;;;;",
            f"2023;{RIS};Nieuwe regel;activiteiten;incidenteel;500;;;;",
            f"2023;{RIS};Kapot;activiteiten;incidenteel;abc;;;;",
        ]
    ).encode()
    report = import_lines(content, "csv")
    assert not report.saved
    assert [(p.row, p.column) for p in report.problems] == [(4, "bedrag")]
    assert snapshot() == before
    assert not BudgetLine.objects.filter(name="Nieuwe regel").exists()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (HEADER.replace("bedrag", "prijs"), [(1, "prijs"), (1, "bedrag")]),
        (HEADER + ";extra", [(1, "extra")]),
        (HEADER.replace("jaar;", ""), [(1, "jaar")]),
    ],
)
def test_a_wrong_column_is_named_on_the_header_row(client, hengelo, finance_user, header, expected):
    client.force_login(finance_user)
    response = upload(
        client, csv_file(f"2023;{RIS};Regel;lidmaatschap;structureel;1;;;;", header=header)
    )
    assert response.status_code == 400
    assert [(row, column) for row, column, _message in problems(response)] == expected
    assert not BudgetLine.objects.filter(year=2023).exists()


def test_xlsx_import(client, hengelo, finance_user):
    client.force_login(finance_user)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["jaar", "product", "omschrijving", "categorie", "soort", "bedrag", "partnerstad"])
    sheet.append(
        [2023, RIS, "Jumelagefeest", "Activiteiten en reizen", "Incidenteel", 1250.5, "emsdetten"]
    )
    sheet.append([2023, RIS, "Fout jaar", "activiteiten", "incidenteel", 10, None])
    sheet.cell(row=3, column=1, value="twintig")
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(client, SimpleUploadedFile("regels.xlsx", buffer.getvalue()))
    assert problems(response) == [(3, "jaar", "‘twintig’ is geen jaartal.")]
    sheet.delete_rows(3)
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(client, SimpleUploadedFile("regels.xlsx", buffer.getvalue()))
    assert response.context["report"].is_valid()
    client.post(
        reverse("budget:line-import"), {"stap": "bevestigen", "token": response.context["token"]}
    )
    line = BudgetLine.objects.get(name="Jumelagefeest")
    assert (line.amount, line.category, line.recurrence) == (
        Decimal("1250.50"),
        "activiteiten",
        "incidenteel",
    )
    assert line.partner_city.slug == "emsdetten"


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("regels.txt", b"x"), "Kies een bestand van het type .csv of .xlsx."),
        (
            SimpleUploadedFile("regels.xlsx", b"geen excel"),
            "Het bestand is niet te lezen als XLSX.",
        ),
        (SimpleUploadedFile("regels.csv", b""), "Het bestand is leeg."),
    ],
)
def test_unreadable_files_get_a_message_at_the_field(client, hengelo, finance_user, file, message):
    client.force_login(finance_user)
    response = upload(client, file)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_confirmation_without_a_checked_file_does_nothing(client, hengelo, finance_user):
    client.force_login(finance_user)
    response = client.post(reverse("budget:line-import"), {"stap": "bevestigen", "token": "x"})
    assert response.status_code == 302 and response.url == reverse("budget:line-import")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_csv_is_told_to_save_as_utf8(client, hengelo, finance_user, encoding):
    client.force_login(finance_user)
    content = "\n".join([HEADER, f"2023;{RIS};Regel;lidmaatschap;structureel;1;;;;"]) + "\n"
    response = upload(client, SimpleUploadedFile("regels.csv", content.encode(encoding)))
    text = response.content.decode()
    assert "sla het op als UTF-8" in text
    assert "Onbekende kolom" not in text and "\x00" not in text
    assert not BudgetLine.objects.filter(year=2023).exists()
