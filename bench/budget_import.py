"""Time the budget import of a large legitimate file: the check (dry run) and the import of
12,000 rows (issue 11: under 3 s), and the refusal of an XLSX decompression bomb."""

import io
import time
import tracemalloc

from django.core.management import call_command

ROWS = 12_000


def twelve_thousand_rows(rows=ROWS):
    """A CSV as the finance department would export it: every column, Dutch amounts."""
    from budget.models import FIRST_YEAR, LAST_YEAR, BudgetProduct
    from budget.resources import COLUMNS

    products = list(BudgetProduct.objects.values_list("code", flat=True))
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    lines = [";".join(COLUMNS)]
    categories = ["lidmaatschap", "personeel", "activiteiten", "subsidies"]
    for index in range(rows):
        values = {
            "jaar": str(years[index % len(years)]),
            "product": products[index % len(products)],
            "omschrijving": f"Regel {index:05d}",
            "categorie": categories[index % 4],
            "soort": "structureel" if index % 3 else "incidenteel",
            "bedrag": f"{1000 + index},50",
            "herkomst": "begroting",
            "netwerk": "euregio" if index % 7 == 0 else "",
            "partnerstad": "emsdetten" if index % 11 == 0 else "",
        }
        lines.append(";".join(values.get(column, "") for column in COLUMNS))
    return ("\n".join(lines) + "\n").encode("utf-8")


def run(report):
    from bench.harness import time_ms
    from budget.models import BudgetLine
    from budget.services import ImportFileError, check_lines, import_lines
    from tests.budget.bombs import xlsx_bomb

    call_command("load_hengelo", stdout=io.StringIO())
    data = twelve_thousand_rows()
    report.line(f"{'CSV of 12,000 budget lines':<55} {len(data) // 1024:8d} KiB")
    outcome = check_lines(data, "csv")
    assert outcome.is_valid(), outcome.problems[:3]
    report.timing("check (dry run) of 12,000 rows", time_ms(lambda: check_lines(data, "csv"), 3, 1))

    def import_all():
        BudgetLine.objects.filter(name__startswith="Regel ").delete()
        started = time.perf_counter()
        result = import_lines(data, "csv", reason="bench")
        assert result.saved, result.problems[:3]
        return (time.perf_counter() - started) * 1000

    report.timing("import of 12,000 new rows", [import_all() for _ in range(3)])
    report.timing(
        "import of the same 12,000 rows again (all unchanged)",
        time_ms(lambda: import_lines(data, "csv", reason="bench"), 3, 0),
    )

    bomb = xlsx_bomb()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        check_lines(bomb, "xlsx")
    except ImportFileError as exc:
        refused = str(exc)
    else:
        refused = "NOT REFUSED"
    elapsed = (time.perf_counter() - started) * 1000
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    label = f"XLSX bomb ({len(bomb) // 1024} KiB, 220 MB sheet) refused"
    report.line(f"{label:<55} {elapsed:8.2f} ms, peak {peak / 1024:.0f} KiB: {refused}")
