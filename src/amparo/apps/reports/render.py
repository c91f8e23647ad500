"""A report as the page, the PDF, the CSV and the JSON show it: the engine's report
with names in the reader's language and the charts drawn."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amparo.apps.interviews.pdf import html_to_pdf
from amparo.apps.reports.labels import (
    CATEGORY_NAMES,
    CHART_TITLES,
    FIELD_NAMES,
    REPORT_NAMES,
    SECTION_NAMES,
)
from amparo.apps.reports.models import ReportSnapshot
from amparo.apps.reports.services import previous_of, snapshot_load
from amparo.engines.reports import (
    CHARTS,
    CODES,
    GROUPS,
    SECTION_OF,
    SECTIONS,
    Chart,
    Reason,
    Report,
    ShownChange,
    build,
    svg,
)

DEFAULT_LIMIT = 11


def suppression_limit() -> int:
    """Counts below this are hidden in copies that leave the parties; a setting that
    would hide nothing is refused, loudly, rather than file every count."""
    value = getattr(settings, "AMPARO_REPORT_SUPPRESSION_LIMIT", DEFAULT_LIMIT)
    if not isinstance(value, int) or value < 2:
        raise ImproperlyConfigured(
            f"AMPARO_REPORT_SUPPRESSION_LIMIT must be a whole number of at least 2, not {value!r}"
        )
    return value


@dataclass(frozen=True, slots=True)
class Line:
    code: str
    name: str
    shown: str
    part: bool  # a part of the line above (indented)


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Explained:
    name: str
    before: str
    after: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rendered:
    snapshot: ReportSnapshot
    report: Report
    title: str
    sections: tuple[Section, ...]
    charts: tuple[tuple[str, str], ...]  # (key, svg)
    changes: tuple[Explained, ...]
    previous: ReportSnapshot | None


# Lines printed indented under the line above: the parts of a sum, the later steps of
# interviews and of deported parents, late objections.
_FIRST_STEPS = ("interviews_requested", "deported_cases")
_PARTS = (
    {part for _total, parts in GROUPS for part in parts}
    | {
        code
        for code in CATEGORY_NAMES
        if code.startswith(("interviews_", "deported_")) and code not in _FIRST_STEPS
    }
    | {"objections_late"}
)


# The values of a row as the court reads them in a reason.
_VALUE_NAMES = {
    "under_5": gettext_lazy("under 5"),
    "5_17": gettext_lazy("5 to 17"),
    "unknown": gettext_lazy("not known"),
    "in_care": gettext_lazy("in ORR care"),
    "parent": gettext_lazy("reunified with a parent"),
    "sponsor": gettext_lazy("released to a sponsor"),
    "aged_out": gettext_lazy("turned 18"),
    "detained": gettext_lazy("in immigration detention"),
    "released": gettext_lazy("released in the interior"),
    "criminal": gettext_lazy("in criminal custody"),
    "removed": gettext_lazy("removed"),
    "stay": gettext_lazy("elected to stay"),
    "waive": gettext_lazy("waived"),
    "reached": gettext_lazy("reached"),
    "not_reached": gettext_lazy("not yet reached"),
    "none": gettext_lazy("none"),
    "yes": gettext_lazy("yes"),
    "no": gettext_lazy("no"),
}


def _named(value: str) -> str:
    return str(_VALUE_NAMES.get(value, value.replace("+", ", ").replace("_", " ")))


def _phrase(text_before: str, text_after: str, field: str) -> str:
    """What changed on the rows, worded: the usual corrections in their own words
    ("found not to have been separated"), any other change as what changed from what to
    what."""
    if field in ("child_band", "separated_parent"):
        if text_after in ("none", "no"):
            return _("found not to have been separated")
        if text_before in ("none", "no"):
            return _("newly found to have been separated")
    if field == "scope":
        return (
            _("no longer reached by this report's cases")
            if text_after == "none"
            else _("newly reached by this report's cases")
            if text_before == "none"
            else _("the cases that reach them changed")
        )
    return _("%(what)s changed from %(before)s to %(after)s") % {
        "what": FIELD_NAMES.get(field, field),
        "before": _named(text_before),
        "after": _named(text_after),
    }


def _reason(change: ShownChange, reason: Reason) -> str:
    phrase = _phrase(reason.before, reason.after, reason.field)
    # The court's copy gives no count of the people who moved (see ShownChange).
    return f"{reason.n}: {phrase}" if change.counted else phrase


# Reports counted, by what they were counted from: the two snapshots' hashes, the
# report and the copy. Counting 100,000 rows takes about a second, and every view of
# the reports page counted them again (bench/load.py); a snapshot never changes, so
# neither does its count. A few are kept per process. The rows are still read and
# checked against their hash on every view (snapshot_load), so a damaged snapshot is
# refused as before.
_BUILT: dict[tuple[str, str, str, int], Report] = {}
_BUILT_KEEP = 32


def _report(
    snapshot: ReportSnapshot, previous: ReportSnapshot | None, report_code: str, limit: int
) -> Report:
    rows = snapshot_load(snapshot)
    previous_rows = snapshot_load(previous) if previous is not None else None
    key = (snapshot.data_sha256, previous.data_sha256 if previous else "", report_code, limit)
    report = _BUILT.get(key)
    if report is None:
        report = build(rows, report_code, limit=limit, previous=previous_rows, digests=key[:2])
        if len(_BUILT) >= _BUILT_KEEP:
            _BUILT.pop(next(iter(_BUILT)))
        _BUILT[key] = report
    return report


def render(snapshot: ReportSnapshot, report_code: str, *, limit: int) -> Rendered:
    previous = previous_of(snapshot)
    report = _report(snapshot, previous, report_code, limit)
    sections = []
    for section in SECTIONS:
        codes = [code for code in CODES if SECTION_OF[code] == section]
        sections.append(
            Section(
                str(SECTION_NAMES[section]),
                tuple(
                    Line(code, str(CATEGORY_NAMES[code]), report.shown[code], code in _PARTS)
                    for code in codes
                    if SECTION_OF[code] == section
                ),
            )
        )
    charts = tuple(
        (
            key,
            svg(
                Chart(
                    key,
                    str(CHART_TITLES[key]),
                    colour,
                    tuple(
                        (str(CATEGORY_NAMES[code]), report.counts[code], report.shown[code])
                        for code in codes
                    ),
                )
            ),
        )
        for key, colour, codes in CHARTS
    )

    changes = tuple(
        Explained(
            str(CATEGORY_NAMES[change.code]),
            change.before,
            change.after,
            tuple(_reason(change, reason) for reason in change.reasons),
        )
        for change in report.changes
    )
    return Rendered(
        snapshot,
        report,
        str(REPORT_NAMES[report_code]),
        tuple(sections),
        charts,
        changes,
        previous,
    )


def pdf(rendered: Rendered) -> bytes:
    html = render_to_string("reports/report_pdf.html", {"r": rendered})
    return html_to_pdf(html)
