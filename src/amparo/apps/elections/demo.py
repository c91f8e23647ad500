"""The demo's elections: a form read in the member's language and entered by their
counsel, through the real service."""

from __future__ import annotations

from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.elections.models import Election, ElectionChoice, ElectionSource, SignerKind
from amparo.apps.elections.services import election_record
from amparo.apps.registry.models import Person


def demo_election(counsel: User, member: Person, *, waive: bool = False) -> Election:
    today = timezone.localdate()
    return election_record(
        actor=counsel,
        person=member,
        choice=ElectionChoice.WAIVE if waive else ElectionChoice.STAY,
        source=ElectionSource.COUNSEL,
        read_by=counsel.get_full_name() or counsel.username,
        read_language=member.language or "Spanish",
        read_on=today,
        signed_on=today,
        signer_kind=SignerKind.SELF,
        signer_name=member.display_name,
        language_understood=True,
        waiver_attested=waive,
        note="demo election",
    )
