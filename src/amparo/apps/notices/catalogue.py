"""The written notice's translations, as data: one JSON file a language in
`AMPARO_NOTICE_CATALOGUE_DIR` (by default the `catalogue/` folder beside this module).
Adding a language is adding a file; no code changes.

A file gives its code, the language it is written in (as the consistency engine spells
languages: the person's best language is matched against it), the language's own name,
a title, sections of paragraphs, the words for a date not set yet (`pending`) and for
joining two case names (`and`). Paragraphs may use the placeholders in
`PLACEHOLDERS` and no other; every file must have as many sections as the English one,
so no translation silently drops a part of the notice. A file that breaks these rules
is refused with its name and what is wrong.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from amparo.engines.consistency import canonical_language

PLACEHOLDERS = frozenset(
    {"member_name", "case_names", "objection_deadline", "hearing_date", "counsel_contact"}
)
REFERENCE = "en"


class CatalogueError(ValueError):
    """A catalogue file that cannot be used, naming the file and the problem."""


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    body: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Translation:
    code: str
    language: str
    name: str
    title: str
    sections: tuple[Section, ...]
    # Said for a date the court has not set yet; the word joining two case names.
    pending: str
    joiner: str

    def render(self, values: dict[str, str]) -> tuple[Section, ...]:
        return tuple(
            Section(s.heading, tuple(p.format(**values) for p in s.body)) for s in self.sections
        )


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _read(path: Path) -> Translation:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as failure:
        raise CatalogueError(f"{path.name}: not readable JSON ({failure})") from None
    if not isinstance(data, dict):
        raise CatalogueError(f"{path.name}: the file must hold one object")
    keys = ("code", "language", "name", "title", "sections", "pending", "and")
    missing = [k for k in keys if not data.get(k)]
    if missing:
        raise CatalogueError(f"{path.name}: missing {', '.join(missing)}")
    if data["code"] != path.stem:
        raise CatalogueError(f"{path.name}: code {data['code']!r} differs from the file name")
    sections: list[Section] = []
    for k, raw in enumerate(data["sections"], start=1):
        if not isinstance(raw, dict) or not raw.get("heading") or not raw.get("body"):
            raise CatalogueError(f"{path.name}: section {k} needs a heading and a body")
        body = tuple(str(p) for p in raw["body"])
        try:
            unknown = set().union(*(_fields(p) for p in body)) - PLACEHOLDERS
        except ValueError as failure:
            raise CatalogueError(f"{path.name}: section {k}: {failure}") from None
        if unknown:
            raise CatalogueError(
                f"{path.name}: section {k} uses unknown placeholders: {', '.join(sorted(unknown))}"
            )
        sections.append(Section(str(raw["heading"]), body))
    language = canonical_language(str(data["language"]))
    if language is None:
        raise CatalogueError(f"{path.name}: {data['language']!r} is not a language")
    return Translation(
        code=str(data["code"]),
        language=language,
        name=str(data["name"]),
        title=str(data["title"]),
        sections=tuple(sections),
        pending=str(data["pending"]),
        joiner=str(data["and"]),
    )


def directory() -> Path:
    configured = getattr(settings, "AMPARO_NOTICE_CATALOGUE_DIR", "")
    return Path(configured) if configured else Path(__file__).resolve().parent / "catalogue"


@cache
def _load(folder: str) -> dict[str, Translation]:
    found = {path.stem: _read(path) for path in sorted(Path(folder).glob("*.json"))}
    reference = found.get(REFERENCE)
    if reference is None:
        raise CatalogueError(f"{folder}: the English notice ({REFERENCE}.json) is missing")
    for code, translation in found.items():
        if len(translation.sections) != len(reference.sections):
            raise CatalogueError(
                f"{code}.json: {len(translation.sections)} sections where the English "
                f"notice has {len(reference.sections)}"
            )
    return found


def translations() -> dict[str, Translation]:
    """Every language the notice is written in, by code."""
    return _load(str(directory()))


def for_language(language: str) -> Translation | None:
    """The written notice in `language` (a person's best language, as written in the
    records), if one exists."""
    wanted = canonical_language(language)
    return next((t for t in translations().values() if t.language == wanted), None)


def reset() -> None:
    """Forget the files read (after a file is added or changed)."""
    _load.cache_clear()
