"""Scheduling: settlement interviews placed at a day and hour with an officer, an
interpreter in the person's best language where the officer does not speak it, their
counsel and a room or phone line (issue 6). `schedule_cpsat` solves with OR-Tools
CP-SAT and returns its bound; `schedule_greedy` is what a careful coordinator does by
hand (earliest due first), used as the baseline and as the solver's first solution;
`violations` checks any schedule against every hard constraint; `explain` says why a
request has no time. Pure Python; the app supplies the instance and stores the result.
"""

from amparo.engines.scheduling.check import violations
from amparo.engines.scheduling.decompose import schedule_by_facility
from amparo.engines.scheduling.generate import realistic_instance
from amparo.engines.scheduling.greedy import Explainer, explain, language_name, schedule_greedy
from amparo.engines.scheduling.model import SolveOptions, schedule_cpsat
from amparo.engines.scheduling.records import (
    Assignment,
    Counsel,
    Facility,
    Hours,
    Instance,
    Interpreter,
    Officer,
    Reason,
    Request,
    Schedule,
    Unscheduled,
)
from amparo.engines.scheduling.rules import value

__all__ = [
    "Assignment",
    "Counsel",
    "Explainer",
    "Facility",
    "Hours",
    "Instance",
    "Interpreter",
    "Officer",
    "Reason",
    "Request",
    "Schedule",
    "SolveOptions",
    "Unscheduled",
    "explain",
    "language_name",
    "realistic_instance",
    "schedule_by_facility",
    "schedule_cpsat",
    "schedule_greedy",
    "value",
    "violations",
]
