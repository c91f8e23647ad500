# Loaded by rules' autodiscovery; the predicates live in capabilities.py.
import rules

from amparo.apps.elections.capabilities import reads_election_inbox, records_elections

# `rules` is untyped: registration is kept to these calls.
rules.add_perm("elections.record_elections", rules.predicate(records_elections))  # type: ignore[no-untyped-call]
rules.add_perm("elections.view_election_inbox", rules.predicate(reads_election_inbox))  # type: ignore[no-untyped-call]
