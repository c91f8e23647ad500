"""The evaluation report: figures as a frozen value, a readable table and JSON."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from amparo.engines.evaluation.clustering import ClusteringScores
from amparo.engines.evaluation.pairs import Cause, PairScores
from amparo.engines.identify.jsonable import JSON, to_json

__all__ = ["EvaluationReport", "RejectionScores", "ReviewScores"]

# Causes in the order a reader follows them: review first, then linkage trouble,
# then plain misses, then false positives.
CAUSE_ORDER = tuple(value for name, value in vars(Cause).items() if not name.startswith("_"))


@dataclass(frozen=True, slots=True)
class ReviewScores:
    reported_separations: int
    separations_in_review: int
    parent_child: int  # review.csv rows of kind parent_child
    same_person: int  # review.csv rows of kind same_person
    review_rate: float  # parent_child ÷ reported separations
    review_share: float  # separations with status review ÷ reported separations


@dataclass(frozen=True, slots=True)
class RejectionScores:
    """Rejected rows against the rows truth says cannot describe anyone."""

    reported: int
    expected: int
    agreeing: int  # same source, record id and problem


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    out_dir: Path
    truth_dir: Path
    clustering: ClusteringScores
    rejection: RejectionScores
    confirmed: PairScores  # separated pairs, counting confirmed only
    with_review: PairScores  # separated pairs, counting confirmed + review
    review: ReviewScores

    def as_dict(self) -> dict[str, JSON]:
        return {
            field.name: to_json(getattr(self, field.name)) for field in dataclasses.fields(self)
        }

    def as_text(self) -> str:
        return "\n".join(_text_lines(self))


def _pct(value: float) -> str:
    return f"{100 * value:.2f}%"


def _cause_rows(confirmed: Mapping[str, int], with_review: Mapping[str, int]) -> list[str]:
    causes = [cause for cause in CAUSE_ORDER if cause in confirmed or cause in with_review]
    causes += sorted((set(confirmed) | set(with_review)) - set(causes))
    if not causes:
        return ["  (none)"]
    return [
        f"  {cause:<52}{confirmed.get(cause, 0):>12}{with_review.get(cause, 0):>18}"
        for cause in causes
    ]


def _text_lines(report: EvaluationReport) -> list[str]:
    c = report.clustering
    r = report.review
    j = report.rejection
    a, b = report.confirmed, report.with_review
    return [
        f"Identification quality: {report.out_dir}  (truth: {report.truth_dir})",
        "",
        "Records",
        f"  in output {c.output_records}, in truth {c.truth_records}, "
        f"missing from output {c.missing_records}, not in truth {c.extra_records}",
        f"  rejected: {j.reported} reported, {j.expected} expected, {j.agreeing} agreeing",
        "",
        "Record clustering (pairs of records)",
        f"  precision {c.precision:.4f}   recall {c.recall:.4f}   F1 {c.f1:.4f}",
        f"  predicted pairs {c.predicted_pairs}, true pairs {c.true_pairs}, "
        f"in both {c.common_pairs}",
        "",
        f"Separated parent-child pairs  {'confirmed':>22}{'confirmed+review':>18}",
        f"  {'reported':<28}{a.reported:>22}{b.reported:>18}",
        f"  {'correct':<28}{a.correct:>22}{b.correct:>18}",
        f"  {'true pairs found':<28}{a.found:>22}{b.found:>18}",
        f"  {'true pairs':<28}{a.true_pairs:>22}{b.true_pairs:>18}",
        f"  {'precision':<28}{a.precision:>22.4f}{b.precision:>18.4f}",
        f"  {'recall':<28}{a.recall:>22.4f}{b.recall:>18.4f}",
        "",
        "Review",
        f"  parent_child decisions {r.parent_child} = review rate {_pct(r.review_rate)} "
        f"of {r.reported_separations} reported separations",
        f"  separations with status review {r.separations_in_review} "
        f"({_pct(r.review_share)}); same_person decisions {r.same_person}",
        "",
        f"Misses by cause {'confirmed':>48}{'confirmed+review':>18}",
        *_cause_rows(a.misses, b.misses),
    ]
