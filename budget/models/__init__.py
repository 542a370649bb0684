from .benchmark import BenchmarkFigure, BenchmarkSource
from .lines import (
    FIRST_YEAR,
    HOURS_PER_FTE,
    LAST_YEAR,
    BudgetLine,
    BudgetProduct,
    ProductBudget,
    RecordedFigure,
    SavingsTarget,
    StaffPosition,
)
from .scenarios import Scenario, ScenarioChange

__all__ = [
    "FIRST_YEAR",
    "HOURS_PER_FTE",
    "LAST_YEAR",
    "BenchmarkFigure",
    "BenchmarkSource",
    "BudgetLine",
    "BudgetProduct",
    "ProductBudget",
    "RecordedFigure",
    "SavingsTarget",
    "Scenario",
    "ScenarioChange",
    "StaffPosition",
]
