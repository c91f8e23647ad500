"""Name knowledge for matching: nicknames, abbreviations, particles, and a small
prior of which words are given names and which are surnames.

All keys are matching keys: accents folded, upper case (as
``extracts.normalise_name`` makes them). Tables are data, not code, so that a
coordinator's correction ("Chente is Vicente") is a one-line change.
"""

from __future__ import annotations

from typing import Final

# Words that join compound names and carry no identity of their own: "María DE LOS
# Ángeles", "DE LA Cruz", "Silva E Santos". Dropped for matching, kept for display.
PARTICLES: Final = frozenset(
    {"DE", "DEL", "LA", "LAS", "LOS", "Y", "E", "DA", "DAS", "DO", "DOS", "VAN", "VON"}
)

# Full given name -> the nicknames and diminutives people in Central America and
# Mexico use for it. A nickname may stand for several names (Beto).
_NICKNAMES: Final[dict[str, tuple[str, ...]]] = {
    "JOSE": ("PEPE", "CHEPE", "PEPITO", "CHEPITO"),
    "JOSEFA": ("PEPA", "PEPITA", "CHEPA", "CHEPITA"),
    "GUADALUPE": ("LUPE", "LUPITA"),
    "FRANCISCO": ("PACO", "PANCHO", "FRANCIS"),
    "FRANCISCA": ("PACA", "PAQUITA", "PANCHA"),
    "JESUS": ("CHUCHO", "CHUY", "CHUS"),
    "CONCEPCION": ("CONCHA", "CONCHITA", "CONCHI"),
    "DOLORES": ("LOLA", "LOLITA"),
    "ROSARIO": ("CHAYO", "CHARO"),
    "IGNACIO": ("NACHO",),
    "EDUARDO": ("LALO",),
    "ENRIQUE": ("QUIQUE",),
    "ANTONIO": ("TONO", "TONY"),
    "ROBERTO": ("BETO",),
    "ALBERTO": ("BETO",),
    "HUMBERTO": ("BETO",),
    "GUILLERMO": ("MEMO",),
    "MARGARITA": ("MAGUI", "MAGO"),
    "MERCEDES": ("MECHE",),
    "ISABEL": ("CHABELA", "CHABE"),
    "GRACIELA": ("CHELA",),
    "SANTIAGO": ("CHAGO",),
    "RAFAEL": ("RAFA",),
    "MANUEL": ("MANOLO", "MANOLITO"),
    "ALEJANDRA": ("ALE",),
    "ALEJANDRO": ("ALE", "ALEX"),
    "GABRIELA": ("GABY", "GABI"),
    "FERNANDO": ("NANDO",),
    "RAMON": ("MONCHO",),
    "ALFREDO": ("FREDY", "FREDDY"),
    "LUIS": ("LUCHO",),
    "TERESA": ("TERE",),
    "VICENTE": ("CHENTE",),
    "ADOLFO": ("FITO",),
    "RODOLFO": ("FITO",),
    "JAVIER": ("JAVI",),
    "ASUNCION": ("CHONA",),
    "ANUNCIACION": ("CHONA",),
}

# Abbreviations clerks write for long or frequent given names ("MA. DEL CARMEN").
_ABBREVIATIONS: Final[dict[str, str]] = {
    "MA": "MARIA",
    "MARI": "MARIA",
    "FCO": "FRANCISCO",
    "FCA": "FRANCISCA",
    "GPE": "GUADALUPE",
    "JSE": "JOSE",
    "JN": "JUAN",
}


def _words(text: str) -> list[str]:
    # One string per word list keeps long lists readable.
    return text.split()


def _forms() -> dict[str, frozenset[str]]:
    forms: dict[str, set[str]] = {}
    for full, nicknames in _NICKNAMES.items():
        forms.setdefault(full, set()).add(full)
        for nick in nicknames:
            forms.setdefault(nick, set()).add(full)
    for short, full in _ABBREVIATIONS.items():
        forms.setdefault(short, set()).add(full)
    return {word: frozenset(names) for word, names in forms.items()}


# Word -> every full given name it may stand for (a full name stands for itself).
GIVEN_NAME_FORMS: Final[dict[str, frozenset[str]]] = _forms()

# A prior for telling given names from surnames when a record holds them swapped.
# The data themselves carry most of the signal (see standardise.NameRoles); these
# lists only settle small inputs and words seen once.
COMMON_GIVEN: Final = frozenset(
    {
        *_NICKNAMES,
        *_words(
            """MARIA ANA ROSA JUANA CARMEN MARTA SANDRA GLORIA LUCIA ELENA ISABEL
        YESENIA KARLA WENDY INGRID SONIA REINA BLANCA OLGA IRMA SILVIA CLAUDIA PATRICIA
        LETICIA YOLANDA CATALINA ANDREA DANIELA XIMENA GENESIS NAYELI SOFIA VALERIA
        BRENDA MAGDALENA PAOLA ESPERANZA PETRONA CANDELARIA FERNANDA ANGELES LUZ DULCE
        JUAN CARLOS PEDRO MIGUEL JORGE MARIO OSCAR VICTOR MARVIN WILMER EDWIN BYRON
        ELMER SELVIN KEVIN BRAYAN ANDERSON ERICK JEFFERSON DENIS NELSON HUGO JULIO CESAR
        ANGEL DIEGO MATEO GERSON CRISTIAN JOSUE ESTEBAN SEBASTIAN TOMAS ANDRES LORENZO
        GASPAR BALTAZAR FELICIANO FIDEL PABLO ROLANDO JOAO MARCOS PAULO RODRIGO LUIZ
        THIAGO LUCAS GABRIEL JULIANA ADRIANA LUCIANA CAMILA VANESSA ION MIHAI FLORIN
        NICOLAE ELENA IOANA JEAN PIERRE JOSEPH PATRICK EMMANUEL CHRISTIAN MARIE JEANNE
        ESTHER NADINE"""
        ),
    }
)
COMMON_SURNAMES: Final = frozenset(
    _words(
        """GARCIA LOPEZ PEREZ HERNANDEZ MARTINEZ GONZALEZ RODRIGUEZ RAMIREZ GOMEZ SANCHEZ
    DIAZ CRUZ MORALES REYES FLORES ORTIZ CASTILLO MENDEZ VASQUEZ JUAREZ AGUILAR CHAVEZ
    RIVERA JIMENEZ MEJIA HERRERA RAMOS ESTRADA DOMINGUEZ VELASQUEZ ORELLANA ESCOBAR
    PORTILLO ZELAYA MALDONADO FIGUEROA OSORIO ALVARADO BARRIOS ORDONEZ NUNEZ MUNOZ
    CALDERON GIRON CARDONA BONILLA TZUL XOL CHOC CAAL COC POP SILVA OLIVEIRA SOUZA
    PEREIRA FERREIRA COSTA POPESCU IONESCU MBUYI KABONGO ILUNGA"""
    )
)
