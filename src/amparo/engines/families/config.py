"""The family engine's settings, its version, and its error.

Every weight is a log2 Bayes factor or a probability with a stated meaning, so that a
reviewer can read why a pair scored as it did, and a corrected belief (say, about how
often non-parents travelled with children) changes a number here, not the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Final

FAMILY_MODEL_VERSION: Final = "families-1.2"

RELATIONSHIPS: Final = ("PARENT", "GRANDPARENT", "AUNT_UNCLE", "SIBLING", "OTHER")


def _normalised(priors: tuple[tuple[str, float], ...]) -> dict[str, float]:
    total = sum(p for _, p in priors)
    return {name: p / total for name, p in priors}


class FamilyError(ValueError):
    """The input cannot be read as linked records (a record without a person, a record
    given twice, a setting out of range)."""


# Who the adult leading a unit is to its children, before any evidence. Most family
# units were a parent and children; about one in twelve was led by a grandparent, an aunt
# or uncle, an adult sibling or another adult. A different belief changes only this.
DEFAULT_RELATION_PRIORS: Final = (
    ("PARENT", 0.92),
    ("GRANDPARENT", 0.03),
    ("AUNT_UNCLE", 0.025),
    ("SIBLING", 0.0125),
    ("OTHER", 0.0125),
)
# The same for an adult travelling alongside the unit head: most often the other parent,
# else the head's brother or sister, or an adult child of the head.
DEFAULT_SECOND_PRIORS: Final = (
    ("PARENT", 0.58),
    ("GRANDPARENT", 0.03),
    ("AUNT_UNCLE", 0.24),
    ("SIBLING", 0.14),
    ("OTHER", 0.01),
)


@dataclass(frozen=True)
class FamilyConfig:
    """Thresholds and knobs of the family engine.

    confirm_threshold: a separated parent-child pair scoring at or above this is
        `confirmed`; review_threshold: at or above this (and below confirm) it goes to a
        person as `review`; below, it is not reported. Scores are probabilities.
    family_child_share: prior share of the children in the extracts whose travelling
        adult is in them too (the rest came alone, or their adult's records are missing);
        spread over every adult, it is the prior that one adult is a child's unit head.
    free_adult_family_share: prior that an adult booked with families, who heads none
        of them, travelled beside the head of one (the other parent, an aunt, an adult
        sibling) rather than alone; lower it for extracts that include adults who
        crossed alone.
    member_threshold: probability of travelling together above which an adult counts as
        the child's family when reading the family as a whole (the oldest child, the
        number of parents).
    relation_priors: prior share of each relation for the adult leading a unit;
        second_relation_priors: the same for an adult travelling beside the head.
    role_slip: how often a booking agent wrote CHILD for a child whose unit head was not
        a parent (the code is relative to the head, and the slip is common).
    kin_word_error: how often a child's kin word ("mi tía") names another relation.
    referral_window_days: ORR received a child separated at the border within this many
        days of the apprehension; a referral outside it is looked for only when the
        apprehension date is unknown.
    max_weight: cap on any one comparison's log2 Bayes factor, so no single field
        (an A-number typed into the wrong file) decides alone.
    candidates_per_child: adults of a child's booking weighed as its unit head, those
        sharing the most telling words with it (adults an id ties to it come on top);
        keeps crowded days (hundreds of families at once) quick.
    """

    confirm_threshold: float = 0.90
    # Pairs scoring 0.25 to 0.30 were right about one time in twelve on synthetic worlds
    # (seeds 1 and 2): below 0.30 a person would read a dozen pairs to find one.
    review_threshold: float = 0.30
    family_child_share: float = 0.75
    free_adult_family_share: float = 0.95
    member_threshold: float = 0.5
    relation_priors: tuple[tuple[str, float], ...] = DEFAULT_RELATION_PRIORS
    second_relation_priors: tuple[tuple[str, float], ...] = DEFAULT_SECOND_PRIORS
    role_slip: float = 0.25
    kin_word_error: float = 0.03
    referral_window_days: int = 5
    max_weight: float = 16.0
    candidates_per_child: int = 6

    def __post_init__(self) -> None:
        for name in ("confirm_threshold", "review_threshold", "member_threshold"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise FamilyError(f"{name} must be between 0 and 1, got {value!r}")
        if self.review_threshold > self.confirm_threshold:
            raise FamilyError("review_threshold must not exceed confirm_threshold")
        for name in ("family_child_share", "free_adult_family_share"):
            if not 0.0 < getattr(self, name) < 1.0:
                raise FamilyError(f"{name} must be strictly between 0 and 1")
        for priors in (self.relation_priors, self.second_relation_priors):
            names = sorted(name for name, _ in priors)
            if names != sorted(RELATIONSHIPS) or any(p <= 0 for _, p in priors):
                raise FamilyError(
                    f"relation priors need a positive share for each of {RELATIONSHIPS}"
                )
        for name in ("role_slip", "kin_word_error"):
            if not 0.0 < getattr(self, name) < 1.0:
                raise FamilyError(f"{name} must be strictly between 0 and 1")
        if self.candidates_per_child < 1:
            raise FamilyError("candidates_per_child must be at least 1")
        if self.referral_window_days < 0 or self.max_weight <= 0:
            raise FamilyError("referral_window_days and max_weight must be positive")

    @property
    def priors(self) -> Mapping[str, float]:
        return _normalised(self.relation_priors)

    @property
    def second_priors(self) -> Mapping[str, float]:
        return _normalised(self.second_relation_priors)

    def as_model(self) -> dict[str, object]:
        """The settings as JSON-able data, for the run record."""
        data = asdict(self)
        data["relation_priors"] = dict(self.relation_priors)
        data["second_relation_priors"] = dict(self.second_relation_priors)
        return data
