"""The interface is in English and Spanish: the Spanish catalogue is complete."""

from __future__ import annotations

import re
from pathlib import Path

import amparo

PO = Path(amparo.__file__).parent / "locale/es/LC_MESSAGES/django.po"


def test_every_message_has_a_spanish_translation() -> None:
    entries = PO.read_text(encoding="utf-8").split("\n\n")[1:]

    translations = [
        "".join(re.findall(r'"(.*)"', block))
        for e in entries
        for block in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', e, re.MULTILINE)
    ]
    untranslated = [t for t in translations if not t]
    fuzzy = [e for e in entries if "#, fuzzy" in e]

    assert len(translations) >= len(entries)
    assert untranslated == []
    assert fuzzy == []
