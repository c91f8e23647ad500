"""Who may do what with elections, as rules predicates.

Kept in the app for now; `rules.py` registers them. They read like the table
in `accounts/roles.py`, where they may move.
"""

from __future__ import annotations

from amparo.apps.accounts.models import Role, User

# Class counsel (for the people of their cases), the government coordinator and
# administrators record elections; everyone who may see a file reads them.
RECORDING_ROLES = frozenset({Role.CLASS_COUNSEL, Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR})
# Only the members' own lawyers enter an election without the signed paper form.
DIRECT_ENTRY_ROLES = frozenset({Role.CLASS_COUNSEL})


def _has_role(user: object, roles: frozenset[Role]) -> bool:
    return isinstance(user, User) and user.is_active and user.role in roles


def records_elections(user: object) -> bool:
    return _has_role(user, RECORDING_ROLES)


def enters_elections_directly(user: object) -> bool:
    return _has_role(user, DIRECT_ENTRY_ROLES)


def reads_election_inbox(user: object) -> bool:
    """The inbox lists what was routed to counsel; coordinators and
    administrators see every election there."""
    return _has_role(user, RECORDING_ROLES)
