"""Issue 14's 'Done when', in Chromium: results, the 2019 plan, an Interreg project, what a
council member sees, and the yearly report's text; axe on every page on the way."""

import re
import shutil
import subprocess

import pytest

from contacts.models import Organisation
from networks.models import Effort
from projects.models import Programme, Project
from representation.models import Mandate, Trip
from results.models import EffortResult, WorkPlan
from tests.conftest import require

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

RECORDED = {
    1: ("gerealiseerd", "Gerealiseerd", "De CEF-aanvraag is toegekend."),
    2: ("deels_gerealiseerd", "Deels gerealiseerd", "Twee van de drie bijeenkomsten gehouden."),
    3: ("niet_doorgegaan", "Niet doorgegaan", "Het bezoek is uitgesteld."),
}
CARRIED = (1, 4, 5, 12, 16)


def squeezed(text):
    """Text without spaces and hyphens: pdftotext joins words hyphenated at a line end."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def test_accountmanager_records_plans_and_projects_and_the_council_reads_the_report(
    page,
    live_server,
    hengelo,
    account_manager,
    council_member,
    browser_login,
    assert_accessible,
    tmp_path,
):
    require(shutil.which("pdftotext") is not None, "pdftotext is missing (poppler-utils)")
    efforts = {effort.number: effort for effort in Effort.objects.filter(year=2018)}
    browser_login(account_manager)

    # Results for three efforts of 2018.
    for number, (status, _label, summary) in RECORDED.items():
        page.goto(f"/inspanningen/{efforts[number].pk}/resultaat/")
        assert_accessible(page)
        page.locator("select[name=status]").select_option(status)
        page.locator("input[name=status_date]").fill("2018-11-30")
        page.locator("textarea[name=summary]").fill(summary)
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_url(re.compile(rf"/inspanningen/{efforts[number].pk}/$"))
        assert "Het resultaat is opgeslagen." in page.content()
    assert EffortResult.objects.count() == 3

    # The 2019 plan, carrying over five efforts of 2018.
    page.goto("/werkplannen/nieuw/")
    assert_accessible(page)
    assert page.locator("input[name=year]").input_value() == "2019"
    for number in CARRIED:
        page.locator(f"input[name=carry_over][value='{efforts[number].pk}']").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/werkplannen/2019/$"))
    assert_accessible(page)
    assert "5 inspanningen" in page.locator("#inspanningen-kop").inner_text()
    plan = WorkPlan.objects.get(year=2019)
    carried = Effort.objects.filter(year=2019).order_by("number")
    assert [effort.carried_over_from.number for effort in carried] == list(CARRIED)
    page.goto("/werkplannen/2019/overnemen/")
    assert_accessible(page)

    # An Interreg project with two partners.
    interreg = Programme.objects.get(name="Interreg V A Deutschland-Nederland")
    partners = [
        Organisation.objects.get(name="Stadt Ahlen"),
        Organisation.objects.get(name="Gemeente Enschede"),
    ]
    page.goto("/eu-projecten/nieuw/")
    assert_accessible(page)
    page.locator("input[name=title]").fill("Grenzeloos groen onderhoud")
    page.locator("input[name=acronym]").fill("GGO")
    page.locator("input[name=year]").fill("2019")
    page.locator("select[name=programme]").select_option(str(interreg.pk))
    page.locator("select[name=role]").select_option(index=1)
    page.locator("select[name=partners]").select_option([str(org.pk) for org in partners])
    page.get_by_role("button", name="Opslaan").click()
    project = Project.objects.get(acronym="GGO")
    page.wait_for_url(re.compile(rf"/eu-projecten/{project.pk}/$"))
    assert_accessible(page)
    assert {org.pk for org in project.partners.all()} == {org.pk for org in partners}
    assert project.programme == interreg
    page.goto(f"/eu-projecten/{project.pk}/wijzigen/")
    assert_accessible(page)

    # The other new edit pages pass axe too.
    for url in (
        f"/vertegenwoordiging/{Mandate.objects.order_by('pk').first().pk}/wijzigen/",
        f"/reizen/{Trip.objects.order_by('pk').first().pk}/wijzigen/",
        f"/inspanningen/{carried[0].pk}/wijzigen/",
        "/werkplannen/2019/vaststellen/",
        "/werkplannen/2019/inspanning/",
    ):
        page.goto(url)
        assert_accessible(page)
    assert plan.is_draft()

    # A council member reads the results.
    page.context.clear_cookies()
    browser_login(council_member)
    page.goto("/inspanningen/")
    assert_accessible(page)
    listing = page.locator("main").inner_text()
    for _status, label, summary in RECORDED.values():
        assert label in listing and summary in listing, label
    page.goto("/resultaten/2018/")
    assert_accessible(page)
    results = page.locator("main").inner_text()
    for _status, label, summary in RECORDED.values():
        assert label in results and summary in results, label
    assert "16 inspanningen" in results
    page.goto(f"/reizen/{Trip.objects.order_by('pk').first().pk}/")
    assert_accessible(page)

    # The yearly report for 2018, exported by the accountmanager: the page follows the export
    # (tasks run in-process here, a worker in production) and offers the PDF when it is ready.
    page.context.clear_cookies()
    browser_login(account_manager)
    page.goto("/resultaten/2018/")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Jaarverslag 2018 exporteren (PDF)").click()
    ready = page.locator("tr[data-export-id][data-status='gereed']")
    ready.first.wait_for(timeout=120_000)
    assert page.evaluate("window.stillTheSamePage") is True  # without a reload
    assert "is klaar om te downloaden" in page.locator("[data-export-messages]").inner_text()
    assert account_manager.username in ready.first.inner_text()
    assert_accessible(page)
    with page.expect_download(timeout=120_000) as download_info:
        ready.first.get_by_role("link", name=re.compile("Download PDF")).click()
    assert download_info.value.suggested_filename == "jaarverslag-2018.pdf"
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    flat = squeezed(text)
    positions = []
    for number, effort in sorted(efforts.items()):
        title = squeezed(effort.title)
        assert title in flat, effort.title
        positions.append((flat.index(title), number))
    # Each effort's status stands between its title and the next effort's.
    positions.sort()
    for index, (start, number) in enumerate(positions):
        end = positions[index + 1][0] if index + 1 < len(positions) else len(flat)
        label = RECORDED[number][1] if number in RECORDED else "Gepland"
        assert squeezed(f"Resultaat: {label}") in flat[start:end], (number, label)
