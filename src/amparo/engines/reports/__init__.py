"""Reports: the court's joint status reports (issue 9) computed from a snapshot of one
row per person — categories per case and combined without counting anyone twice, small
counts hidden so no sum gives one away, the changes since the previous snapshot with
their reasons, charts as SVG, CSV and JSON. Pure Python; the reports app gathers the
rows and renders the PDF."""

from amparo.engines.reports.categories import (
    CATEGORIES,
    CODES,
    COMBINED,
    GROUPS,
    REPORTS,
    SECTION_OF,
    SECTIONS,
    count,
    memberships,
)
from amparo.engines.reports.charts import Chart, svg
from amparo.engines.reports.diff import Change, Reason, compare
from amparo.engines.reports.report import CHARTS, Report, ShownChange, build
from amparo.engines.reports.rows import CASES, ObjectionRow, PersonRow, Snapshot
from amparo.engines.reports.suppression import hidden_cells, shown

__all__ = [
    "CASES",
    "CATEGORIES",
    "CHARTS",
    "CODES",
    "COMBINED",
    "GROUPS",
    "REPORTS",
    "SECTIONS",
    "SECTION_OF",
    "Change",
    "Chart",
    "ObjectionRow",
    "PersonRow",
    "Reason",
    "Report",
    "ShownChange",
    "Snapshot",
    "build",
    "compare",
    "count",
    "hidden_cells",
    "memberships",
    "shown",
    "svg",
]
