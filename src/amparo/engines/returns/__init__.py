"""Returns: a deported parent's way back into the settlement's process (issue 8) as a
table of stages and events, the application's deadline, and the court's figures by
country and region. Pure Python; the returns app supplies the records."""

from amparo.engines.returns.deadlines import application_due, days_left
from amparo.engines.returns.measures import MEASURES, CaseFacts, Measures, Row, measure
from amparo.engines.returns.stages import (
    FAILED_OUTCOMES,
    PHONE_STAGES,
    SEARCH_STAGES,
    TRANSITIONS,
    WISH_EVENTS,
    Event,
    IllegalStep,
    Outcome,
    Stage,
    Wish,
    after_attempt,
    events_from,
    step,
)
from amparo.engines.returns.suppression import Shown, ShownRow, suppressed

__all__ = [
    "FAILED_OUTCOMES",
    "MEASURES",
    "PHONE_STAGES",
    "SEARCH_STAGES",
    "TRANSITIONS",
    "WISH_EVENTS",
    "CaseFacts",
    "Event",
    "IllegalStep",
    "Measures",
    "Outcome",
    "Row",
    "Shown",
    "ShownRow",
    "Stage",
    "Wish",
    "after_attempt",
    "application_due",
    "days_left",
    "events_from",
    "measure",
    "step",
    "suppressed",
]
