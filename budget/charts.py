"""Bar charts drawn on the server as SVG: no script, so they pass the CSP and print as they are.

A chart is built from rows (one per year) and series; the same numbers fill the table beside
the chart, so a screen reader gets what the eye gets. The repeated elements (bars, ticks, the
table's cells) are written here in one pass (`Chart.markup()`), not by a template loop per bar.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from django.utils.safestring import mark_safe

from core.money import euro_formatter

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 92, 12, 16, 44
STEPS = (1, 2, 2.5, 5, 10)


@dataclass
class Series:
    key: str
    label: str
    css_class: str


@dataclass
class Bar:
    series: Series
    year: int
    value: Decimal
    x: float
    y: float
    width: float
    height: float

    def title(self, euro):
        return f"{self.year} – {self.series.label}: {euro(self.value)}"


@dataclass
class Tick:
    value: Decimal
    y: float


@dataclass
class Chart:
    key: str
    title: str
    description: str
    series: list
    years: list
    rows: dict  # year -> {series key: value}
    stacked: bool = False
    bars: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    year_labels: list = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: float = HEIGHT - BOTTOM

    @property
    def right(self):
        return self.width - RIGHT

    @property
    def tick_x(self):
        return self.left - 6

    @property
    def year_y(self):
        return self.baseline + 22

    def table_rows(self):
        """Rows for the accessible table: the year and each series' value, in legend order."""
        return [
            (year, [(series, self.rows[year][series.key]) for series in self.series])
            for year in self.years
        ]

    def markup(self):
        """The ticks, bars and year labels of the SVG and the rows of the table, as HTML: written
        with f-strings, each text escaped (numbers need none), as format_html_join wrote them."""
        euro = euro_formatter()
        left, right, tick_x, year_y = self.left, self.right, self.tick_x, self.year_y
        ticks = "".join(
            f'<line class="grid" x1="{left}" x2="{right}" y1="{tick.y}" y2="{tick.y}"></line>'
            f'<text class="tick" x="{tick_x}" y="{tick.y}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(euro(tick.value))}</text>'
            for tick in self.ticks
        )
        bars = "".join(
            f'<rect class="bar {escape(bar.series.css_class)}" x="{bar.x}" y="{bar.y}" '
            f'width="{bar.width}" height="{bar.height}" data-year="{bar.year}" '
            f'data-series="{escape(bar.series.key)}" data-value="{data_value(bar.value)}">'
            f"<title>{escape(bar.title(euro))}</title></rect>"
            for bar in self.bars
        )
        labels = "".join(
            f'<text class="year" x="{x}" y="{year_y}" text-anchor="middle">{year}</text>'
            for year, x in self.year_labels
        )
        rows = "".join(
            f'<tr><th scope="row">{year}</th>'
            + "".join(
                f'<td class="amount" data-year="{year}" data-series="{escape(series.key)}" '
                f'data-value="{data_value(value)}">{escape(euro(value))}</td>'
                for series, value in cells
            )
            + "</tr>"
            for year, cells in self.table_rows()
        )
        return {
            "ticks": mark_safe(ticks),
            "bars": mark_safe(bars),
            "year_labels": mark_safe(labels),
            "table_rows": mark_safe(rows),
        }

    def totals(self):
        return {year: sum(self.rows[year].values(), Decimal("0")) for year in self.years}


def data_value(value):
    """A number for a data attribute: plain digits with a point, the same on chart and table."""
    return "" if value is None else f"{value:.2f}"


def nice_maximum(value):
    """Round a maximum up to 1, 2, 2.5 or 5 times a power of ten, so the ticks read well."""
    if value <= 0:
        return Decimal("1000")
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in STEPS:
        candidate = Decimal(str(step)) * magnitude
        if candidate >= value:
            return candidate
    return 10 * magnitude


def build_chart(key, title, description, series, rows, stacked=False):
    """Lay out bars for each year: stacked on one another, or side by side."""
    years = sorted(rows)
    chart = Chart(key, title, description, series, years, rows, stacked=stacked)
    if not years:
        return chart
    if stacked:
        peak = max(sum((max(v, 0) for v in rows[year].values()), Decimal("0")) for year in years)
    else:
        peak = max(max(rows[year].values()) for year in years)
    top = nice_maximum(peak)
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT
    scale = Decimal(plot_height) / top

    chart.ticks = [
        Tick(top * i / 4, round(HEIGHT - BOTTOM - float(top * i / 4 * scale), 1)) for i in range(5)
    ]
    slot = plot_width / len(years)
    group_width = slot * 0.72
    for index, year in enumerate(years):
        slot_left = LEFT + index * slot
        chart.year_labels.append((year, round(slot_left + slot / 2, 1)))
        if stacked:
            offset = Decimal("0")
            for item in series:
                value = rows[year][item.key]
                height = float(max(value, 0) * scale)
                y = HEIGHT - BOTTOM - float(offset * scale) - height
                chart.bars.append(
                    Bar(
                        item,
                        year,
                        value,
                        round(slot_left + (slot - group_width) / 2, 1),
                        round(y, 1),
                        round(group_width, 1),
                        round(height, 1),
                    )
                )
                offset += max(value, 0)
        else:
            bar_width = group_width / len(series)
            for position, item in enumerate(series):
                value = rows[year][item.key]
                height = float(max(value, 0) * scale)
                chart.bars.append(
                    Bar(
                        item,
                        year,
                        value,
                        round(slot_left + (slot - group_width) / 2 + position * bar_width, 1),
                        round(HEIGHT - BOTTOM - height, 1),
                        round(bar_width - 2, 1),
                        round(height, 1),
                    )
                )
    return chart
