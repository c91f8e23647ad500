"""The fairness-hearing packet: every objection once, with its categories, translation
status and lateness, the counts, and the notice declaration's figures. The version for
the public docket shows each objector by receipt number only, and scrubs from the text
and its translation the objector's name, A-number and contact and anything shaped like
an A-number or a telephone number; the parties' version keeps them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet

from amparo.apps.notices.models import ClassNotice, Objection
from amparo.apps.notices.selectors import Declaration, declaration

REDACTED = "[redacted]"
# Seven or more digits with spaces, dots, dashes or brackets between (A-numbers and
# telephone numbers, local ones too), but not a date written 2018-10-25; and e-mail
# addresses.
NUMBERS = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
FEWEST_DIGITS = 7
# Name parts shorter than this are left (initials, "de", "la").
SHORTEST_NAME_PART = 3


def _number(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = sum(ch.isdigit() for ch in found)
    if digits < FEWEST_DIGITS or DATE.fullmatch(found.strip()):
        return found
    return REDACTED


def scrub(text: str, objection: Objection) -> str:
    """`text` without what identifies the objector."""
    parts = [p for p in re.split(r"[\s,]+", objection.name) if len(p) >= SHORTEST_NAME_PART]
    for known in [*parts, objection.contact, objection.a_number]:
        if known:
            text = re.sub(re.escape(known), REDACTED, text, flags=re.IGNORECASE)
    return NUMBERS.sub(_number, EMAIL.sub(REDACTED, text))


@dataclass(frozen=True, slots=True)
class PacketLine:
    receipt: str
    received: str
    source: str
    cases: str
    categories: str
    late: bool
    translation_status: str
    docket_number: str
    objector: str
    text: str
    translation: str
    member_cases: str


@dataclass(frozen=True, slots=True)
class Packet:
    lines: tuple[PacketLine, ...]
    by_category: list[tuple[str, int]]
    late: int
    needing_translation: int
    notice: Declaration
    redacted: bool


def build(
    objections: QuerySet[Objection],
    notices: QuerySet[ClassNotice],
    *,
    redacted: bool,
    visible: set[int] | None = None,
    cases: frozenset[str] | None = None,
) -> Packet:
    """`visible`: the registry people the reader may see (None: all). An objector tied
    to someone outside it is shown as in the redacted version. `cases`: the settlement
    cases the reader may know a member is in (None: all; counsel: their own)."""
    lines: list[PacketLine] = []
    categories: Counter[str] = Counter()
    for o in objections.order_by("received_at", "id"):
        categories.update(o.categories)
        who = ", ".join(x for x in (o.name, o.a_number and f"A{o.a_number}", o.contact) if x)
        hidden = redacted or (
            visible is not None and o.person_id is not None and o.person_id not in visible
        )
        lines.append(
            PacketLine(
                receipt=o.receipt,
                received=o.received_at.date().isoformat(),
                source=o.get_source_display(),
                cases=", ".join(o.cases) or "all",
                categories=", ".join(o.categories),
                late=o.late,
                translation_status=o.get_translation_status_display(),
                docket_number=o.docket_number,
                objector=REDACTED if hidden and who else who,
                text=scrub(o.text, o) if hidden else o.text,
                translation=scrub(o.translation, o) if hidden else o.translation,
                member_cases=""
                if hidden
                else ", ".join(c for c in o.member_cases if cases is None or c in cases),
            )
        )
    return Packet(
        lines=tuple(lines),
        by_category=sorted(categories.items()),
        late=sum(1 for line in lines if line.late),
        needing_translation=objections.filter(translation_status="needed").count(),
        notice=declaration(notices),
        redacted=redacted,
    )
