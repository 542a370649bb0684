"""Bar charts drawn on the server as SVG: no script, so they pass the CSP and print as they are.

A chart is built from rows (one per year) and series; the same numbers fill the table beside
the chart, so a screen reader gets what the eye gets. The repeated elements (bars, ticks, the
table's cells) are written here in one pass (`Chart.markup()`), not by a template loop per bar.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import format_html_join

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
        """The ticks, bars and year labels of the SVG and the rows of the table, as HTML."""
        euro = euro_formatter()
        ticks = format_html_join(
            "",
            '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"></line>'
            '<text class="tick" x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}'
            "</text>",
            (
                (self.left, self.right, tick.y, tick.y, self.tick_x, tick.y, euro(tick.value))
                for tick in self.ticks
            ),
        )
        bars = format_html_join(
            "",
            '<rect class="bar {}" x="{}" y="{}" width="{}" height="{}" data-year="{}" '
            'data-series="{}" data-value="{}"><title>{}</title></rect>',
            (
                (
                    bar.series.css_class,
                    bar.x,
                    bar.y,
                    bar.width,
                    bar.height,
                    bar.year,
                    bar.series.key,
                    data_value(bar.value),
                    bar.title(euro),
                )
                for bar in self.bars
            ),
        )
        labels = format_html_join(
            "",
            '<text class="year" x="{}" y="{}" text-anchor="middle">{}</text>',
            ((x, self.year_y, year) for year, x in self.year_labels),
        )
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th>{}</tr>',
            (
                (
                    year,
                    format_html_join(
                        "",
                        '<td class="amount" data-year="{}" data-series="{}" data-value="{}">{}'
                        "</td>",
                        (
                            (year, series.key, data_value(value), euro(value))
                            for series, value in cells
                        ),
                    ),
                )
                for year, cells in self.table_rows()
            ),
        )
        return {"ticks": ticks, "bars": bars, "year_labels": labels, "table_rows": rows}

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
