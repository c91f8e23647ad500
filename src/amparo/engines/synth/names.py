"""Names as families from these countries carry them.

Hispanic and Brazilian people carry two surnames (Hispanic: father's then mother's;
Brazilian: mother's then father's); Romanian and Congolese people one. Guatemalan
families who speak a Mayan language mostly carry Mayan surnames.
"""

from __future__ import annotations

from collections.abc import Sequence
from random import Random
from typing import Final

HISPANIC: Final = "hispanic"
BRAZILIAN: Final = "brazilian"
ROMANIAN: Final = "romanian"
CONGOLESE: Final = "congolese"


def _words(text: str) -> tuple[str, ...]:
    # One comma-separated string per list keeps long name lists readable and compact.
    return tuple(word.strip() for word in text.split(","))


_HISPANIC_F: Final = _words(
    "María, Ana, Rosa, Juana, Carmen, Guadalupe, Marta, Sandra, Gloria, Lucía, Elena, "
    "Dolores, Concepción, Rosario, Margarita, Mercedes, Isabel, Graciela, Yesenia, "
    "Karla, Wendy, Dania, Ingrid, Glenda, Sonia, Reina, Blanca, Olga, Irma, Silvia, "
    "Claudia, Patricia, Leticia, Elvia, Delmy, Marisol, Yolanda, Josefa, Francisca, "
    "Catalina, Andrea, Daniela, Ximena, Alejandra, Gabriela, Estefany, Heidy, Keyla, "
    "Dayana, Génesis, Nayeli, Angélica, Sofía, Valeria, Abigail, Jennifer, Yeimi, "
    "Brenda, Magdalena, Paola, Lupita, Esperanza, Milagro, Tomasa, Petrona, Candelaria"
)
_HISPANIC_F_COMPOUND: Final = _words(
    "María José, María de los Ángeles, María del Carmen, María Guadalupe, Ana Lucía, "
    "María Fernanda, Rosa María, Ana María, Luz María, María Isabel, Dulce María, "
    "Ana Gabriela, Karla Patricia, Sandra Yamileth, Heidy Carolina, María Concepción, "
    "María Dolores, María del Rosario"
)
_HISPANIC_M: Final = _words(
    "José, Juan, Luis, Carlos, Francisco, Jesús, Manuel, Pedro, Miguel, Antonio, Jorge, "
    "Mario, Rafael, Ignacio, Eduardo, Enrique, Roberto, Alberto, Guillermo, Santiago, "
    "Ramón, Fernando, Óscar, Víctor, Marvin, Wilmer, Edwin, Byron, Elmer, Selvin, Kevin, "
    "Brayan, Anderson, Erick, Jefferson, Denis, Nelson, Hugo, Julio, César, Ángel, "
    "Diego, Mateo, Gerson, Cristian, Josué, Esteban, Domingo, Sebastián, Tomás, Andrés, "
    "Lorenzo, Gaspar, Baltazar, Feliciano, Fidel"
)
_HISPANIC_M_COMPOUND: Final = _words(
    "José Luis, Juan Carlos, Luis Fernando, José Antonio, Miguel Ángel, Juan José, "
    "José Manuel, Carlos Alberto, Jesús Antonio, Francisco Javier, José Francisco, "
    "Marvin Josué, Elmer Rolando, José Guadalupe, Juan Pablo, José Ignacio"
)
_HISPANIC_SURNAMES: Final = _words(
    "García, López, Pérez, Hernández, Martínez, González, Rodríguez, Ramírez, Gómez, "
    "Sánchez, Díaz, Cruz, Morales, Reyes, Flores, Ortiz, Castillo, Méndez, Vásquez, "
    "Juárez, Aguilar, Chávez, Rivera, Jiménez, Mejía, Herrera, Ramos, Estrada, "
    "Domínguez, Velásquez, Orellana, Escobar, Portillo, Zelaya, Paz, Maldonado, "
    "Figueroa, Santos, Osorio, Lemus, Argueta, Alvarado, Barrios, Recinos, Ordóñez, "
    "Núñez, Muñoz, Peña, Calderón, Girón, Tobar, Cardona, Monterroso, Interiano, "
    "Bonilla"
)
# Surnames of K'iche', Mam, Q'eqchi' and other Mayan families of Guatemala.
MAYAN_SURNAMES: Final = _words(
    "Tzul, Xicará, Cux, Ajú, Chun, Coc, Tuyuc, Ixcoy, Pop, Caal, Choc, Xol, Tiul, Cac, "
    "Chiquín, Sic, Ixcot, Tzoc, Batz, Yax, Cumes, Ajanel, Tzunux, Xitumul, Chox, Tzi, "
    "Cuc, Tum, Bol, Maquín, Chiyal"
)
_BRAZILIAN_F: Final = _words(
    "Ana Paula, Maria Aparecida, Juliana, Fernanda, Adriana, Luciana, Patrícia, Camila, "
    "Vanessa, Rosângela, Daiane, Jéssica"
)
_BRAZILIAN_M: Final = _words(
    "João, José Carlos, Marcos, Paulo, Rodrigo, Luiz, Antônio, Thiago, Lucas, Gabriel, "
    "Wesley, Valdir"
)
_BRAZILIAN_SURNAMES: Final = _words(
    "Silva, Santos, Oliveira, Souza, Lima, Pereira, Ferreira, Costa, Rodrigues, Almeida, "
    "Nascimento, Carvalho, Araújo, Ribeiro, Gonçalves"
)
_ROMANIAN_F: Final = ("Maria", "Elena", "Ioana", "Andreea", "Mihaela", "Florentina", "Ana")
_ROMANIAN_M: Final = _words("Ion, Gheorghe, Vasile, Constantin, Mihai, Florin, Nicolae, Ștefan")
_ROMANIAN_SURNAMES: Final = _words(
    "Popescu, Ionescu, Stoica, Rădulescu, Dumitru, Stan, Munteanu, Lăcătuș, Căldărar, Moldovan"
)
_CONGOLESE_F: Final = _words("Marie, Chantal, Jeanne, Grâce, Esther, Nadine, Solange, Bénédicte")
_CONGOLESE_M: Final = _words(
    "Jean, Pierre, Joseph, Patrick, Emmanuel, Christian, Didier, Jean-Claude"
)
_CONGOLESE_SURNAMES: Final = _words(
    "Mbuyi, Kabongo, Tshibangu, Ilunga, Mukendi, Kalala, Lukusa, Ngoy, Kasongo, Mbala"
)

# What a child calls a parent, and what an agent hears; keyed by one word of a given name.
NICKNAMES: Final[dict[str, tuple[str, ...]]] = {
    "José": ("Chepe", "Pepe"),
    "Josefa": ("Chepita",),
    "Guadalupe": ("Lupe",),
    "Francisco": ("Paco", "Pancho"),
    "Francisca": ("Paquita", "Pancha"),
    "Jesús": ("Chucho", "Chuy"),
    "Concepción": ("Concha", "Conchita"),
    "Dolores": ("Lola",),
    "Rosario": ("Chayo",),
    "Ignacio": ("Nacho",),
    "Eduardo": ("Lalo",),
    "Enrique": ("Quique",),
    "Antonio": ("Toño",),
    "Roberto": ("Beto",),
    "Alberto": ("Beto",),
    "Guillermo": ("Memo",),
    "Margarita": ("Magui",),
    "Mercedes": ("Meche",),
    "Isabel": ("Chabela",),
    "Graciela": ("Chela",),
    "Santiago": ("Chago",),
    "Rafael": ("Rafa",),
    "Manuel": ("Manolo",),
    "Alejandra": ("Ale",),
    "Gabriela": ("Gaby",),
    "Fernando": ("Nando",),
    "Ramón": ("Moncho",),
}

# Common full names given to distinct people in different families, with the country
# they come from, so that a name match alone is never proof of identity.
LOOKALIKES: Final[tuple[tuple[str, tuple[str, str], str, str], ...]] = (
    ("María", ("García", "López"), "F", "GTM"),
    ("José Luis", ("Pérez", "Hernández"), "M", "HND"),
    ("Juana", ("López", "Pérez"), "F", "GTM"),
    ("María de los Ángeles", ("Ramírez", "García"), "F", "SLV"),
    ("Rosa", ("Hernández", "Gómez"), "F", "HND"),
    ("Juan Carlos", ("García", "Martínez"), "M", "GTM"),
)


def _pick(rng: Random, single: Sequence[str], compound: Sequence[str], share: float) -> str:
    return rng.choice(compound) if compound and rng.random() < share else rng.choice(single)


def given_name(rng: Random, culture: str, sex: str) -> str:
    """A given name, sometimes compound ("María de los Ángeles", "José Luis")."""
    female = sex == "F"
    if culture == BRAZILIAN:
        return rng.choice(_BRAZILIAN_F if female else _BRAZILIAN_M)
    if culture == ROMANIAN:
        return rng.choice(_ROMANIAN_F if female else _ROMANIAN_M)
    if culture == CONGOLESE:
        return rng.choice(_CONGOLESE_F if female else _CONGOLESE_M)
    if female:
        return _pick(rng, _HISPANIC_F, _HISPANIC_F_COMPOUND, 0.3)
    return _pick(rng, _HISPANIC_M, _HISPANIC_M_COMPOUND, 0.3)


def one_surname(rng: Random, culture: str, *, mayan_share: float = 0.0) -> str:
    if culture == BRAZILIAN:
        return rng.choice(_BRAZILIAN_SURNAMES)
    if culture == ROMANIAN:
        return rng.choice(_ROMANIAN_SURNAMES)
    if culture == CONGOLESE:
        return rng.choice(_CONGOLESE_SURNAMES)
    if rng.random() < mayan_share:
        return rng.choice(MAYAN_SURNAMES)
    return rng.choice(_HISPANIC_SURNAMES)


def two_surnames_culture(culture: str) -> bool:
    return culture in (HISPANIC, BRAZILIAN)


def surnames(rng: Random, culture: str, *, mayan_share: float = 0.0) -> tuple[str, ...]:
    """A person's full set of surnames (two distinct ones where the culture uses two)."""
    first = one_surname(rng, culture, mayan_share=mayan_share)
    if not two_surnames_culture(culture):
        return (first,)
    second = one_surname(rng, culture, mayan_share=mayan_share)
    while second == first:
        second = one_surname(rng, culture, mayan_share=mayan_share)
    return (first, second)


def nickname(rng: Random, given: str) -> str | None:
    """A nickname for one of the words of a given name, if it has a usual one."""
    for word in given.split():
        options = NICKNAMES.get(word)
        if options:
            return rng.choice(options)
    return None
