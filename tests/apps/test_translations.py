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


def test_every_plural_has_each_form_spanish_declares() -> None:
    """The header declares three plural forms; an entry with fewer is ignored by
    gettext, which then shows English for every count."""
    text = PO.read_text(encoding="utf-8")
    declared = int(re.search(r"nplurals=(\d+)", text).group(1))  # type: ignore[union-attr]
    plurals = [e for e in text.split("\n\n") if "msgid_plural" in e]
    short = [
        e.split("\n")[0] for e in plurals if len(re.findall(r"^msgstr\[", e, re.M)) != declared
    ]
    assert plurals and short == []


def test_a_plural_reads_in_spanish() -> None:
    from django.utils import translation

    with translation.override("es"):
        assert translation.ngettext("%(counter)s person", "%(counter)s people", 5) == (
            "%(counter)s personas"
        )


def test_a_long_plural_is_one_sentence_once() -> None:
    """msgmerge wraps a long translation over several lines; the catalogue must still
    hold it once (an earlier filler kept the wrapped lines and appended to them)."""
    from django.utils import translation

    singular = (
        "%(counter)s inconsistency still needs a due-consideration assessment before this "
        "negative can go to the supervisor."
    )
    plural = (
        "%(counter)s inconsistencies still need a due-consideration assessment before this "
        "negative can go to the supervisor."
    )
    with translation.override("es"):
        one = translation.ngettext(singular, plural, 1)
    assert one.startswith("%(counter)s incoherencia todavía")
    assert one.count("%(counter)s") == 1
