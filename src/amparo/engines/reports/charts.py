"""Bar charts as SVG text: the same drawing in the PDF and on the page, no library
and no script. Each chart has its own colour, so a test can find it on a rendered page."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 520
BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 200
VALUE_WIDTH = 60


@dataclass(frozen=True, slots=True)
class Chart:
    key: str
    title: str
    colour: str  # "#rrggbb"
    bars: tuple[tuple[str, int, str], ...]  # (label, value, value as shown)


def svg(chart: Chart) -> str:
    """A horizontal bar chart; a hidden (banded) value is drawn as a hatched stub."""
    top = 30
    height = top + len(chart.bars) * (BAR_HEIGHT + GAP) + 10
    # Scaled to the largest figure shown: a hidden one must not set the scale, or the
    # other bars' lengths would give it away.
    largest = max((value for _l, value, shown in chart.bars if shown.isdigit()), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(chart.title)}" '
        f'data-chart="{escape(chart.key)}">',
        f'<text x="0" y="18" font-size="14" font-weight="bold" font-family="sans-serif">'
        f"{escape(chart.title)}</text>",
    ]
    for index, (label, value, shown) in enumerate(chart.bars):
        y = top + index * (BAR_HEIGHT + GAP)
        banded = not shown.isdigit()
        # A banded value is drawn the same small width whatever it is: the bar must not
        # give away what the figure hides.
        length = max(2, round(room * (0.08 if banded else min(1.0, value / largest))))
        if value == 0 and not banded:
            length = 0
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="12" font-family="sans-serif">'
            f"{escape(label)}</text>"
        )
        if length:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
                f'fill="{chart.colour}"{' fill-opacity="0.45"' if banded else ""}/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 15}" font-size="12" '
            f'font-family="sans-serif">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
