"""The yearly report to the council as PDF (issue 14): content, command, export, permissions."""

import re
import shutil
import subprocess
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from budget.models import BudgetLine
from core.money import format_euro, format_signed_euro
from networks.models import Effort
from tests.conftest import require
from tests.editing import loaded
from tests.results.exporting import export_report

pytestmark = pytest.mark.django_db


def pdf_text(pdf):
    require(shutil.which("pdftotext") is not None, "pdftotext is missing (apt-get poppler-utils)")
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def words(text):
    """Text with its spaces as pdf_text leaves them (no-break spaces included)."""
    return " ".join(text.split())


def squeezed(text):
    """Text without spaces and hyphens: pdftotext joins words hyphenated at a line end."""
    return re.sub(r"[\s\-]+", "", text)


def test_export_command_renders_the_2018_report_from_the_records(hengelo, tmp_path):
    output = tmp_path / "jaarverslag.pdf"
    out = StringIO()
    call_command("export_yearly_report", "2018", "--output", str(output), stdout=out)
    assert "pagina's" in out.getvalue()
    text = pdf_text(output.read_bytes())
    assert "Raadsinformatiebrief: internationaal beleid" in text and "resultaten 2018" in text
    for group in ("Grensoverschrijdend en Duitsland", "Europa en netwerken", "Partnerstad"):
        assert group in text
    assert squeezed("Verruiming Twentekanaal (CEF-subsidie)") in squeezed(text)
    assert "EUREGIO-Raad" in text
    assert "VOORBEELD" not in text  # real records only: nothing to mark
    with pytest.raises(CommandError, match="geen openbaar werkplan"):
        call_command("export_yearly_report", "1999", "--output", str(output), stdout=out)


def test_report_with_demo_results_names_every_effort_with_its_status_and_marks_examples(
    client_for, hengelo, clerk, django_capture_on_commit_callbacks
):
    with override_settings(DEBUG=True):
        call_command("load_demo_results", stdout=StringIO())
    text = pdf_text(export_report(client_for(clerk), django_capture_on_commit_callbacks))
    for effort in Effort.objects.filter(year=2018).select_related("result"):
        line = effort.title
        assert squeezed(line) in squeezed(text), line
        status = f"{effort.title}[voorbeeld]"
        assert squeezed(f"{effort.get_status_display()} [voorbeeld]") in squeezed(text), status
    assert text.count("VOORBEELD: bevat verzonnen demogegevens") >= 2  # on every page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        ("council_member", 403),
        ("finance_user", 403),
        ("communications_user", 403),
        ("clerk", 200),
        ("account_manager", 200),
    ],
)
def test_griffie_and_accountmanager_export_the_report(
    request, client_for, hengelo, role, status, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(role) if role else None
    client = client_for(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/resultaten/2018/jaarverslag/")
    assert response.status_code == (302 if status == 200 else status)
    if status == 302:
        assert response["Location"].startswith("/inloggen/")
    page = client.get("/resultaten/2018/").content.decode()
    assert ("/resultaten/2018/jaarverslag/" in page) == (status == 200)
    if status == 200:
        assert "Jaarverslag aan de raad 2018" in page and "Gereed" in page


def test_demo_actuals_are_marked_a_real_one_replaces_them_and_the_report_sets_them_side_by_side(
    client_for, hengelo, finance_user, clerk, django_capture_on_commit_callbacks
):
    with override_settings(DEBUG=True):
        call_command("load_demo_results", stdout=StringIO())
    lines_2018 = BudgetLine.objects.filter(year=2018)
    assert lines_2018.filter(actual__isnull=False, actual_is_example=True).count() == len(
        lines_2018
    )
    assert not BudgetLine.objects.exclude(year=2018).filter(actual__isnull=False).exists()
    overview = client_for(None).get(reverse("budget:overview")).content.decode()
    assert "Realisatie 2018" in overview and "badge-example" in overview

    line = BudgetLine.objects.get(year=2018, name="Lidmaatschap EUREGIO")
    client = client_for(finance_user)
    url = reverse("budget:line-update", args=[line.pk])
    assert client.post(url, loaded(client, url, actual="23000")).status_code == 302
    line.refresh_from_db()
    assert (line.actual, line.actual_is_example) == (Decimal("23000"), False)
    with override_settings(DEBUG=True):
        call_command("load_demo_results", stdout=StringIO())
    line.refresh_from_db()
    assert (line.actual, line.actual_is_example) == (Decimal("23000"), False)  # left alone

    text = pdf_text(export_report(client_for(clerk), django_capture_on_commit_callbacks))
    assert "Begroot Gerealiseerd" in text
    assert (
        "Lidmaatschap EUREGIO Regionale en internationale samenwerking € 23.500 € 23.000 − € 500"
        in text
    )
    other = lines_2018.exclude(pk=line.pk).order_by("product__name", "name").first()
    assert words(
        f"{format_euro(other.actual)} [voorbeeld] {format_signed_euro(other.difference)}"
    ) in (text)
    now = list(BudgetLine.objects.filter(year=2018))
    budgeted = sum(item.amount for item in now)
    actual = sum(item.actual for item in now)
    assert words(f"Totaal {format_euro(budgeted)} {format_euro(actual)}") in text
    assert words(format_signed_euro(actual - budgeted)) in text.split("Totaal")[-1]
