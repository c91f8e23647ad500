"""Scheduling: settlement interviews placed at a day and hour with an officer, an
interpreter in the person's best language where the officer does not speak it, their
counsel and a room or phone line (issue 6). `schedule_staged` (the one the app runs)
plans the days with OR-Tools CP-SAT, proving a bound on any schedule, then solves each
day with the full model; `schedule_cpsat` solves the full model whole (small
instances); `schedule_greedy` is what a careful coordinator does by
hand (earliest due first), used as the baseline and as the solver's first solution;
`violations` checks any schedule against every hard constraint; `explain` says why a
request has no time. Pure Python; the app supplies the instance and stores the result.
"""

from amparo.engines.scheduling.check import violations
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
from amparo.engines.scheduling.staged import schedule_staged

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
    "schedule_cpsat",
    "schedule_greedy",
    "schedule_staged",
    "value",
    "violations",
]
