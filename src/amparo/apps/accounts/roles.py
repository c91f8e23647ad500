"""What each role may do, as rules predicates: the one table of capabilities."""

from __future__ import annotations

import rules

from amparo.apps.accounts.models import Role, User

GOVERNMENT_ROLES = frozenset(
    {
        Role.GOVERNMENT_COORDINATOR,
        Role.ASYLUM_OFFICER,
        Role.SUPERVISORY_OFFICER,
    }
)
# Roles that see the whole registry; everyone else is scoped (or sees no file).
REGISTRY_WIDE_ROLES = GOVERNMENT_ROLES | {Role.ADMINISTRATOR}
# The court sees aggregates only, never a person's file.
FILE_READING_ROLES = REGISTRY_WIDE_ROLES | {Role.CLASS_COUNSEL, Role.LEGAL_SERVICE_PROVIDER}
IMPORTING_ROLES = frozenset({Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR})
# Identification runs rewrite who is who: the same roles that import.
RUNNING_ROLES = IMPORTING_ROLES
# Uncertain links are decided by coordinators and by class counsel (for the
# people of their cases).
REVIEWING_ROLES = frozenset({Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR, Role.CLASS_COUNSEL})
# Class rosters: the government and counsel (for their own cases only).
ROSTER_ROLES = REGISTRY_WIDE_ROLES | {Role.CLASS_COUNSEL}
# The court's orders, the rules' parameters and bulk recomputes: coordinators and
# administrators record them (the court itself reads aggregates only).
ELIGIBILITY_MANAGING_ROLES = frozenset({Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR})
# A fact no extract carries (a child's own claim, a red-flag determination).
FACT_RECORDING_ROLES = ELIGIBILITY_MANAGING_ROLES | {Role.CLASS_COUNSEL}
# Class counsel (for the people of their cases), the government coordinator and
# administrators record elections and read the inbox of routed forms; everyone who may
# see a file reads the election on it.
ELECTION_RECORDING_ROLES = frozenset(
    {Role.CLASS_COUNSEL, Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR}
)
# Only the members' own lawyers enter an election without the signed paper form.
ELECTION_DIRECT_ENTRY_ROLES = frozenset({Role.CLASS_COUNSEL})
# Settlement interviews (issue 5). Coordinators, administrators and class counsel ask
# for one; coordinators and administrators set its time; asylum officers and their
# supervisors hold it and draft the determination; only supervisors approve or return a
# draft. Counsel and legal service providers read their own clients' interviews (times
# and outcome), never the officer's worksheet.
INTERVIEW_REQUESTING_ROLES = frozenset(
    {Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR, Role.CLASS_COUNSEL}
)
INTERVIEW_SCHEDULING_ROLES = frozenset({Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR})
INTERVIEW_CONDUCTING_ROLES = frozenset({Role.ASYLUM_OFFICER, Role.SUPERVISORY_OFFICER})
INTERVIEW_REVIEWING_ROLES = frozenset({Role.SUPERVISORY_OFFICER})
# The judge's review and its decision, and a Notice to Appear, are recorded by the
# government side that receives them.
INTERVIEW_OUTCOME_ROLES = GOVERNMENT_ROLES | {Role.ADMINISTRATOR}
# Who reads the worksheets, the inconsistencies and the assessments.
INTERVIEW_RECORD_READING_ROLES = GOVERNMENT_ROLES | {Role.ADMINISTRATOR}
# Deported parents (issue 8). Class counsel (for their cases' parents), coordinators
# and administrators read the return cases, search, record consent and wishes, and file
# motions; counsel assemble and present the application; the government (coordinators,
# administrators) decides it, extends its deadline, arranges travel and records arrival.
# In-country partners see only the searches given to their organisation and, of a
# case, only what the parent's written consent allows (returns.selectors).
RETURN_READING_ROLES = frozenset(
    {Role.CLASS_COUNSEL, Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR}
)
RETURN_APPLYING_ROLES = frozenset({Role.CLASS_COUNSEL, Role.ADMINISTRATOR})
RETURN_DECIDING_ROLES = frozenset({Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR})
PARTNER_ROLES = frozenset({Role.IN_COUNTRY_PARTNER})
# The court's figures by country and region, aggregates only: the readers and the court.
RETURN_MEASURE_ROLES = RETURN_READING_ROLES | {Role.COURT}

# The court's reports (issue 9): the parties (the government and class counsel) take
# snapshots and read every figure; the court reads the copy with small counts hidden.
REPORT_TAKING_ROLES = frozenset(
    {Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR, Role.CLASS_COUNSEL}
)
REPORT_READING_ROLES = REPORT_TAKING_ROLES | {Role.COURT}

# Sign-in with a second factor (TOTP, issue 10): every role that can reach anything about
# one person. That is the government side (coordinators, asylum officers, supervisors),
# administrators, class counsel, legal service providers (they read their clients'
# files) and in-country partners (they hold where a deported parent can be found, from
# abroad, the accounts most exposed to phishing). The court is left out: it reads only
# aggregates with small counts hidden and the objection packet redacted for the public
# docket, nothing a second factor would protect.
TWO_FACTOR_ROLES = REGISTRY_WIDE_ROLES | {
    Role.CLASS_COUNSEL,
    Role.LEGAL_SERVICE_PROVIDER,
    Role.IN_COUNTRY_PARTNER,
}
# Who resets a user's authenticator (a lost telephone): administrators only.
TWO_FACTOR_RESETTING_ROLES = frozenset({Role.ADMINISTRATOR})


def _has_role(user: object, roles: frozenset[Role]) -> bool:
    return isinstance(user, User) and user.is_active and user.role in roles


def reads_person_files(user: object) -> bool:
    return _has_role(user, FILE_READING_ROLES)


def imports_extracts(user: object) -> bool:
    return _has_role(user, IMPORTING_ROLES)


def runs_identification(user: object) -> bool:
    return _has_role(user, RUNNING_ROLES)


def reviews_links(user: object) -> bool:
    return _has_role(user, REVIEWING_ROLES)


def reads_rosters(user: object) -> bool:
    return _has_role(user, ROSTER_ROLES)


def manages_eligibility(user: object) -> bool:
    return _has_role(user, ELIGIBILITY_MANAGING_ROLES)


def records_facts(user: object) -> bool:
    return _has_role(user, FACT_RECORDING_ROLES)


def records_elections(user: object) -> bool:
    return _has_role(user, ELECTION_RECORDING_ROLES)


def enters_elections_directly(user: object) -> bool:
    return _has_role(user, ELECTION_DIRECT_ENTRY_ROLES)


def reads_election_inbox(user: object) -> bool:
    """The inbox lists what was routed to counsel; coordinators and administrators see
    every election there."""
    return _has_role(user, ELECTION_RECORDING_ROLES)


def requests_interviews(user: object) -> bool:
    return _has_role(user, INTERVIEW_REQUESTING_ROLES)


def schedules_interviews(user: object) -> bool:
    return _has_role(user, INTERVIEW_SCHEDULING_ROLES)


def conducts_interviews(user: object) -> bool:
    return _has_role(user, INTERVIEW_CONDUCTING_ROLES)


def reviews_determinations(user: object) -> bool:
    return _has_role(user, INTERVIEW_REVIEWING_ROLES)


def records_interview_outcomes(user: object) -> bool:
    return _has_role(user, INTERVIEW_OUTCOME_ROLES)


def reads_interview_records(user: object) -> bool:
    return _has_role(user, INTERVIEW_RECORD_READING_ROLES)


def works_returns(user: object) -> bool:
    return _has_role(user, RETURN_READING_ROLES)


def applies_for_returns(user: object) -> bool:
    return _has_role(user, RETURN_APPLYING_ROLES)


def decides_returns(user: object) -> bool:
    return _has_role(user, RETURN_DECIDING_ROLES)


def searches_as_partner(user: object) -> bool:
    return _has_role(user, PARTNER_ROLES) and getattr(user, "organisation_id", None) is not None


def reads_return_measures(user: object) -> bool:
    return _has_role(user, RETURN_MEASURE_ROLES)


def takes_report_snapshots(user: object) -> bool:
    return _has_role(user, REPORT_TAKING_ROLES)


def reads_reports(user: object) -> bool:
    return _has_role(user, REPORT_READING_ROLES)


def sees_whole_registry(user: object) -> bool:
    return _has_role(user, REGISTRY_WIDE_ROLES)


def needs_two_factor(user: User) -> bool:
    """Asked of the user being signed in, active or not (the backend refuses inactive
    ones), so it reads the role alone."""
    return user.role in TWO_FACTOR_ROLES


def resets_two_factor(user: object) -> bool:
    return _has_role(user, TWO_FACTOR_RESETTING_ROLES)


# `rules` is untyped: registration is kept to these calls.
rules.add_perm("registry.view_person_files", rules.predicate(reads_person_files))  # type: ignore[no-untyped-call]
rules.add_perm("ingest.import_extracts", rules.predicate(imports_extracts))  # type: ignore[no-untyped-call]
rules.add_perm("linkage.run_identification", rules.predicate(runs_identification))  # type: ignore[no-untyped-call]
rules.add_perm("linkage.review_links", rules.predicate(reviews_links))  # type: ignore[no-untyped-call]
rules.add_perm("registry.view_whole_registry", rules.predicate(sees_whole_registry))  # type: ignore[no-untyped-call]
rules.add_perm("eligibility.view_rosters", rules.predicate(reads_rosters))  # type: ignore[no-untyped-call]
rules.add_perm("eligibility.manage", rules.predicate(manages_eligibility))  # type: ignore[no-untyped-call]
rules.add_perm("eligibility.record_facts", rules.predicate(records_facts))  # type: ignore[no-untyped-call]
rules.add_perm("elections.record_elections", rules.predicate(records_elections))  # type: ignore[no-untyped-call]
rules.add_perm("elections.view_election_inbox", rules.predicate(reads_election_inbox))  # type: ignore[no-untyped-call]
rules.add_perm("interviews.request", rules.predicate(requests_interviews))  # type: ignore[no-untyped-call]
rules.add_perm("interviews.schedule", rules.predicate(schedules_interviews))  # type: ignore[no-untyped-call]
rules.add_perm("interviews.conduct", rules.predicate(conducts_interviews))  # type: ignore[no-untyped-call]
rules.add_perm("interviews.review", rules.predicate(reviews_determinations))  # type: ignore[no-untyped-call]
rules.add_perm("interviews.read_records", rules.predicate(reads_interview_records))  # type: ignore[no-untyped-call]
rules.add_perm("returns.work", rules.predicate(works_returns))  # type: ignore[no-untyped-call]
rules.add_perm("returns.search", rules.predicate(searches_as_partner))  # type: ignore[no-untyped-call]
rules.add_perm("returns.measures", rules.predicate(reads_return_measures))  # type: ignore[no-untyped-call]
rules.add_perm("reports.read", rules.predicate(reads_reports))  # type: ignore[no-untyped-call]
rules.add_perm("accounts.reset_two_factor", rules.predicate(resets_two_factor))  # type: ignore[no-untyped-call]
