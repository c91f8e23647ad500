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


def _has_role(user: object, roles: frozenset[Role]) -> bool:
    return isinstance(user, User) and user.is_active and user.role in roles


@rules.predicate
def reads_person_files(user: object) -> bool:
    return _has_role(user, FILE_READING_ROLES)


@rules.predicate
def imports_extracts(user: object) -> bool:
    return _has_role(user, IMPORTING_ROLES)


@rules.predicate
def sees_whole_registry(user: object) -> bool:
    return _has_role(user, REGISTRY_WIDE_ROLES)


rules.add_perm("registry.view_person_files", reads_person_files)
rules.add_perm("ingest.import_extracts", imports_extracts)
rules.add_perm("registry.view_whole_registry", sees_whole_registry)
