"""Time the budget pages at 10 years x 50 lines: overview, derivation, scenarios, line list,
and the dry run of a 500-row import."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from bench.harness import sign_in, time_ms
from budget.services import check_lines, export_lines
from core.constants import Role


def ten_years_of_fifty_lines():
    """The same data as the budget tests' query budgets: 10 years with 50 extra lines each."""
    from budget.constants import Basis, Recurrence
    from budget.models import BudgetLine, BudgetProduct, ProductBudget
    from networks.models import Network
    from partnercity.models import PartnerCity
    from proposals.models import Proposal
    from tests.budget.conftest import CATEGORIES, YEARS

    products = list(BudgetProduct.objects.order_by("code"))
    networks, proposals = list(Network.objects.all()), list(Proposal.objects.all())
    cities = list(PartnerCity.objects.all())
    for year in YEARS:
        for product in products:
            ProductBudget.objects.get_or_create(
                product=product, year=year, defaults={"amount": 400000, "basis": Basis.PLANNING}
            )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            product=products[index % len(products)],
            year=year,
            name=f"Testregel {index:02d}",
            category=CATEGORIES[index % len(CATEGORIES)],
            recurrence=Recurrence.RECURRING if index % 5 else Recurrence.ONE_OFF,
            amount=100 + index,
            network=networks[index % len(networks)] if index % 3 == 0 else None,
            proposal=proposals[index % len(proposals)] if index % 3 == 1 else None,
            partner_city=cities[0] if index % 3 == 2 else None,
        )
        for year in YEARS
        for index in range(50)
    )
    return BudgetLine.objects.count()


def run(report):
    call_command("load_hengelo", stdout=io.StringIO())
    client = Client()
    pages = [
        ("overview /begroting/", "/begroting/"),
        ("derivation /begroting/afleiding/", "/begroting/afleiding/"),
        ("scenarios /begroting/scenarios/", "/begroting/scenarios/"),
        ("line list /begroting/regels/", "/begroting/regels/"),
    ]
    for label, url in pages:
        report.timing(f"{label}, Hengelo data", time_ms(lambda url=url: client.get(url)))
    lines = ten_years_of_fifty_lines()
    report.line(f"{'budget lines at 10 years x 50 lines':<55} {lines:8d}")
    for label, url in pages:
        report.timing(f"{label}, 10 x 50", time_ms(lambda url=url: client.get(url)))

    finance = get_user_model().objects.create_user("bench-financien", password="x")
    finance.groups.add(Group.objects.get(name=Role.FINANCE.value))
    sign_in(client, finance)
    report.timing(
        "overview as financien (edit links), 10 x 50",
        time_ms(lambda: client.get("/begroting/"), repeat=15),
    )
    from budget.models import BudgetLine

    content = export_lines(BudgetLine.objects.with_links().order_by("year", "name"), "csv")
    data = content.encode("utf-8")
    report.line(f"{'CSV export of every line':<55} {len(data) // 1024:8d} KiB")
    report.timing(
        "import dry run of every line (CSV)",
        time_ms(lambda: check_lines(data, "csv"), repeat=5, warmup=1),
    )
    upload = SimpleUploadedFile("regels.csv", data)
    report.timing(
        "import page: upload and dry run",
        time_ms(
            lambda: client.post("/begroting/regels/importeren/", {"bestand": upload.open()}),
            repeat=3,
            warmup=1,
        ),
    )
