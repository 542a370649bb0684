"""The budget import refuses what would be costly before it reads it: a decompression bomb, too
many rows, a wrong header; and the checked file waits on the server, not in the session."""

import tracemalloc
import zipfile
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import core.imports
from budget.models import BudgetLine
from budget.resources import BudgetLineResource
from budget.services import check_lines, import_lines
from core.imports import ImportFileError
from core.models import PendingUpload
from tests.budget.bombs import xlsx_bomb

from .test_import_export import HEADER, RIS, csv_file, upload

pytestmark = pytest.mark.django_db

URL = "/begroting/regels/importeren/"
ROW = f"2023;{RIS};Regel {{n}};lidmaatschap;structureel;1;;;;"


@pytest.fixture
def finance_client(client, finance_user):
    client.force_login(finance_user)
    return client


def test_an_xlsx_bomb_is_refused_from_its_zip_directory_without_unpacking(
    finance_client, hengelo, monkeypatch
):
    bomb = xlsx_bomb()
    assert len(bomb) < 1024 * 1024  # under the upload limit: it reaches the reading
    with zipfile.ZipFile(BytesIO(bomb)) as archive:
        assert sum(item.file_size for item in archive.infolist()) > 220 * 1024 * 1024

    def no_loading(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr("openpyxl.load_workbook", no_loading)
    response = upload(finance_client, SimpleUploadedFile("begroting.xlsx", bomb))
    assert response.status_code == 400
    assert "Dit Excel-bestand is uitgepakt 220 MB groot; hoogstens 40 MB past." in (
        response.content.decode()
    )

    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError, match="uitgepakt 220 MB groot"):
            check_lines(bomb, "xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024  # the bomb is 1 MB; unpacked it would be 220 MB
    assert not PendingUpload.objects.exists()


def test_a_file_over_the_row_limit_is_refused_before_any_row_is_checked(
    finance_client, hengelo, monkeypatch
):
    monkeypatch.setattr(core.imports, "MAX_ROWS", 5)
    checked = []
    real = BudgetLineResource.import_data

    def import_data(self, *args, **kwargs):
        checked.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(BudgetLineResource, "import_data", import_data)
    for rows in (6, 300):  # read row by row, and counted from the raw lines first
        response = upload(finance_client, csv_file(*(ROW.format(n=n) for n in range(rows))))
        assert response.status_code == 400
        assert "Het bestand heeft meer dan 5 rijen; splits het op in delen van hoogstens 5." in (
            response.content.decode()
        )
    assert not checked
    five = upload(finance_client, csv_file(*(ROW.format(n=n) for n in range(5))))
    assert five.context["report"].is_valid() and checked


def test_the_real_row_limit_admits_12040_rows_and_names_twenty_thousand():
    assert core.imports.MAX_ROWS == 20_000
    assert "meer dan 20.000 rijen" in str(core.imports.too_many_rows())


def test_a_wrong_header_gets_one_message_and_no_row_is_read(finance_client, hengelo, monkeypatch):
    read = []
    monkeypatch.setattr(
        "budget.resources.BudgetLineResource.import_data",
        lambda *args, **kwargs: read.append(1),
    )
    rows = [ROW.format(n=n) for n in range(50)]
    response = upload(finance_client, csv_file(*rows, header=HEADER.replace("bedrag", "prijs")))
    assert response.status_code == 400
    content = response.content.decode()
    assert (
        "De kopregel (rij 1) klopt niet, dus er is nog geen rij gecontroleerd. De kolommen heten: "
        "jaar, product, omschrijving" in content
    )
    assert content.count("De kopregel (rij 1) klopt niet") == 1
    report = response.context["report"]
    assert report.total_rows == 0 and {p.row for p in report.problems} == {1}
    assert not read


def test_row_numbers_are_the_files_own_also_after_blank_lines(hengelo):
    bad = ROW.format(n=2).replace("structureel;1;", "structureel;x;")
    content = "\n".join([HEADER, ROW.format(n=1), "", ";;;;;;;;;", bad])
    report = check_lines(content.encode(), "csv")
    assert [(p.row, p.column) for p in report.problems] == [(5, "bedrag")]


def test_the_checked_file_is_kept_on_the_server_for_its_owner_only(
    finance_client, hengelo, make_user, client_for
):
    response = upload(finance_client, csv_file(ROW.format(n=1)))
    token = response.context["token"]
    stored = PendingUpload.objects.get()
    assert str(stored.pk) == token and stored.owner.username == "financien"
    session = finance_client.session
    assert list(session.values()).count(token) == 1
    assert not any("Regel 1" in str(value) for value in session.values())  # only the id

    response = finance_client.post(URL, {"stap": "bevestigen", "token": token})
    assert response.status_code == 302
    assert BudgetLine.objects.filter(name="Regel 1").exists()
    assert not PendingUpload.objects.exists()  # gone once imported


def test_a_checked_file_is_deleted_after_thirty_minutes_unconfirmed(finance_client, hengelo):
    upload(finance_client, csv_file(ROW.format(n=1)))
    token = PendingUpload.objects.get().pk
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        call_command("delete_expired_uploads", stdout=StringIO())
        assert PendingUpload.objects.filter(pk=token).exists()
    with time_machine.travel(timezone.now() + timedelta(minutes=30, seconds=1)):
        from core.tasks import delete_expired_uploads

        assert delete_expired_uploads.delay().get() == 1
        assert not PendingUpload.objects.exists()
        response = finance_client.post(URL, {"stap": "bevestigen", "token": str(token)})
    assert response.url == reverse("budget:line-import")
    assert not BudgetLine.objects.filter(name="Regel 1").exists()


def test_an_expired_file_cannot_be_confirmed_even_before_the_task_runs(finance_client, hengelo):
    token = upload(finance_client, csv_file(ROW.format(n=1))).context["token"]
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = finance_client.post(URL, {"stap": "bevestigen", "token": token}, follow=True)
    assert "Kies het bestand opnieuw; de controle is verlopen." in response.content.decode()
    assert not BudgetLine.objects.filter(name="Regel 1").exists()
    assert not PendingUpload.objects.exists()  # deleted on access


def test_bulk_import_keeps_the_history_and_refreshes_public_pages(client, hengelo, finance_user):
    from budget.services import import_lines

    before = client.get("/begroting/").content
    line = BudgetLine.objects.filter(year=2017).order_by("pk").first()
    row = f"{line.year};{line.product.code};{line.name};{line.category};{line.recurrence};1,00;;;;"
    report = import_lines(csv_file(row).read(), "csv", reason="Import van test.csv")
    assert report.saved and len(report.updated) == 1
    assert report.updated[0].changes[0][0] == "bedrag"
    line.refresh_from_db()
    assert line.history.first().history_change_reason == "Import van test.csv"
    assert client.get("/begroting/").content != before


def rows(count):
    return [
        f"2023;{RIS};Regel {index};lidmaatschap;structureel;{index},50;;euregio;;emsdetten"
        for index in range(count)
    ]


def queries_of(run):
    with CaptureQueriesContext(connection) as queries:
        report = run()
    assert report.is_valid(), report.problems[:3]
    statements = [query["sql"].lstrip().split(" ", 1)[0].upper() for query in queries]
    return statements.count("INSERT"), len(statements) - statements.count("INSERT")


def test_the_queries_of_an_import_do_not_grow_with_its_rows(hengelo):
    """No query per row: 500 rows ask what 50 ask. Only the inserts come in batches, as many
    rows each as the database takes (SQLite: 999 values, so 71 lines or 500 history records)."""
    small = csv_file(*rows(50)).read()
    large = csv_file(*rows(500)).read()
    assert queries_of(lambda: check_lines(large, "csv")) == queries_of(
        lambda: check_lines(small, "csv")
    )
    inserts_small, others_small = queries_of(lambda: import_lines(small, "csv"))
    BudgetLine.objects.filter(name__startswith="Regel ").delete()
    inserts_large, others_large = queries_of(lambda: import_lines(large, "csv"))
    assert others_large == others_small
    assert inserts_small <= 2 and inserts_large <= 2 + 500 // 70
    assert BudgetLine.history.filter(name__startswith="Regel ", history_type="+").count() == 550


def test_unreadable_bomb_like_zip_is_refused_too():
    with pytest.raises(ImportFileError, match="niet te lezen als XLSX"):
        check_lines(b"PK\x03\x04 kapot", "xlsx")
