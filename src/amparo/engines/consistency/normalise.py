"""Reading free text the way an officer would: the same place or perpetrator said in
Spanish or English, with or without accents, articles or word order, is the same.

Texts become sets of canonical tokens; similarity is how well the shorter account's
tokens are found in the longer one, so that an account that adds detail ("my house in
San Pedro Sula" after "San Pedro Sula") does not read as a different place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import Final

from amparo.engines.consistency.records import PerpetratorCategory

_NON_WORD: Final = re.compile(r"[^a-z0-9]+")


def _table(*lines: str) -> dict[str, str]:
    """`"canonical: word word ..."` lines as a word -> canonical mapping."""
    out: dict[str, str] = {}
    for line in lines:
        canonical, _, words = line.partition(":")
        out.update(dict.fromkeys(words.split(), canonical.strip()))
    return out


# Words that carry no fact, in both languages. "member" goes too: "gang members" and
# "miembros de la pandilla" name the gang.
_STOPWORDS: Final = frozenset(
    _table(
        "-: a al an and at by con de del el en his her in la las lo los mi my near of por",
        "-: su sus the their to un una unos unas with y cerca some algunos algunas",
        "-: member miembro integrante",
    )
)

# Several words, said as one name; applied before splitting into words.
_PERPETRATOR_PHRASES: Final = (
    ("mara salvatrucha 13", "ms13"),
    ("mara salvatrucha", "ms13"),
    ("ms 13", "ms13"),
    ("barrio 18", "barrio18"),
    ("calle 18", "barrio18"),
    ("18th street", "barrio18"),
    ("18 street", "barrio18"),
    ("mara 18", "barrio18"),
    ("pandilla 18", "barrio18"),
    ("la 18", "barrio18"),
    ("policia nacional civil", "police"),
    ("policia nacional", "police"),
    ("national police", "police"),
    ("father in law", "suegro"),
    ("mother in law", "suegra"),
)

_PERPETRATOR_WORDS: Final[Mapping[str, str]] = _table(
    "police: policia police policeman policemen cop officer agente pnc patrulla patrol",
    "gang: pandilla pandillero gang gangster gangmember marero mara",
    "ms13: ms",
    "barrio18: dieciocho",
    "military: ejercito army soldier soldado military militar militare",
    "partner: esposo esposa marido husband wife pareja partner novio novia boyfriend",
    "partner: girlfriend companero companera conviviente spouse ex",
    "father: padre father papa dad",
    "mother: madre mother mama mom",
    "brother: hermano brother",
    "sister: hermana sister",
    "uncle: tio uncle",
    "aunt: tia aunt",
    "cousin: primo prima cousin",
    "men: hombre man men",
    "unknown: desconocido unknown",
    "armed: armado armed",
)

# A named gang is also a gang: "pandilleros" then and "MS-13" now are the same fact told
# more precisely, while "MS-13" and "Barrio 18" still differ.
_IMPLIES: Final[Mapping[str, str]] = {"ms13": "gang", "barrio18": "gang"}

_CATEGORY_OF: Final[Mapping[str, PerpetratorCategory]] = {
    word: PerpetratorCategory(category)
    for word, category in _table(
        "police: police",
        "gang: gang",
        "military: military",
        "partner: partner",
        "family_member: father mother brother sister uncle aunt cousin suegro suegra",
    ).items()
}

_PLACE_WORDS: Final[Mapping[str, str]] = _table(
    "home: casa house home hogar",
    "city: ciudad city town pueblo",
    "neighborhood: colonia barrio neighborhood neighbourhood vecindario",
    "street: calle street road carretera",
    "school: escuela school colegio",
    "market: mercado market",
    "church: iglesia church",
    "work: trabajo work workplace",
    "shop: tienda store shop negocio business",
    "border: frontera border",
)

_LANGUAGES: Final[Mapping[str, str]] = {
    **_table(
        "english: en eng english ingles",
        "spanish: es spa spanish espanol castellano",
        "portuguese: pt por portuguese portugues",
        "kiche: quc kiche quiche",
        "mam: mam",
        "qanjobal: kjb qanjobal kanjobal",
        "haitian creole: ht hat kreyol",
    ),
    "haitian creole": "haitian creole",
}


def fold(text: str) -> str:
    """Lower case, no accents, words separated by single spaces, apostrophes closed up
    (K'iche' is kiche)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"['\u2019`]", "", plain)
    return _NON_WORD.sub(" ", plain).strip()


def _singular(word: str) -> str:
    # Crude, and applied to both accounts alike: "pandilleros" and "pandillero" agree.
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _tokens(
    text: str, phrases: tuple[tuple[str, str], ...], words: Mapping[str, str]
) -> frozenset[str]:
    folded = f" {fold(text)} "
    for phrase, name in phrases:
        folded = folded.replace(f" {phrase} ", f" {name} ")
    out: set[str] = set()
    for word in folded.split():
        if word in _STOPWORDS:
            continue
        canonical = words.get(word) or words.get(_singular(word)) or _singular(word)
        if canonical in _STOPWORDS:
            continue
        out.add(canonical)
        if canonical in _IMPLIES:
            out.add(_IMPLIES[canonical])
    return frozenset(out)


def perpetrator_tokens(text: str) -> frozenset[str]:
    return _tokens(text, _PERPETRATOR_PHRASES, _PERPETRATOR_WORDS)


def place_tokens(text: str) -> frozenset[str]:
    return _tokens(text, (), _PLACE_WORDS)


def infer_category(tokens: frozenset[str]) -> PerpetratorCategory | None:
    """The category the words name, when they name exactly one."""
    found = {_CATEGORY_OF[t] for t in tokens if t in _CATEGORY_OF}
    return found.pop() if len(found) == 1 else None


def _word_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    # Numbers are names (MS-13 and Barrio 18, Calle 5 and Calle 6): no near miss.
    if any(ch.isdigit() for ch in a + b):
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def similarity(a: frozenset[str], b: frozenset[str]) -> float | None:
    """How well the shorter account's words are found in the longer one, each word by
    its closest counterpart (so a typo costs little and word order nothing); None when
    either says nothing."""
    if not a or not b:
        return None
    short, long = (a, b) if (len(a), sorted(a)) <= (len(b), sorted(b)) else (b, a)
    long_words = sorted(long)
    total = sum(max(_word_similarity(w, v) for v in long_words) for w in sorted(short))
    return total / len(short)


def language(text: str | None) -> str | None:
    """A language name or code in a canonical spelling (None when not recorded)."""
    if text is None:
        return None
    folded = fold(text)
    if not folded:
        return None
    return _LANGUAGES.get(folded, folded)
