"""Fill the Spanish catalogue from the table below; run after `makemessages -l es`.

Keeps the translations in one reviewable place; `make messages` compiles them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "src/amparo/locale/es/LC_MESSAGES/django.po"

ES: dict[str, str] = {
    "Class counsel": "Abogados de la clase",
    "Legal service provider": "Proveedor de servicios legales",
    "Government coordinator": "Coordinador del gobierno",
    "Asylum officer": "Oficial de asilo",
    "Supervisory asylum officer": "Oficial de asilo supervisor",
    "Court": "Tribunal",
    "Administrator": "Administrador",
    "Government": "Gobierno",
    "API tokens": "Claves de API",
    "A token acts with your role and your access, no more. Send it as": "Una clave actúa con su rol y su acceso, nada más. Envíela como",
    "API documentation": "Documentación de la API",
    "Copy this token now; it will not be shown again:": "Copie esta clave ahora; no se volverá a mostrar:",
    "Create token": "Crear clave",
    "Name": "Nombre",
    "Starts with": "Empieza por",
    "Created": "Creada",
    "Last used": "Último uso",
    "revoked": "revocada",
    "Revoke": "Revocar",
    "No token yet.": "Todavía no hay claves.",
    "Token name": "Nombre de la clave",
    "The token was revoked.": "La clave fue revocada.",
    "Write": "Escritura",
    "Access": "Acceso",
    "Ms. L. v. ICE": "Ms. L. v. ICE",
    "M.M.M. v. Sessions": "M.M.M. v. Sessions",
    "Dora v. Sessions": "Dora v. Sessions",
    "Skip to main content": "Ir al contenido principal",
    "Confidentiality notice": "Aviso de confidencialidad",
    "Confidential: asylum information protected by 8 CFR 208.6. Every view is logged.": "Confidencial: información de asilo protegida por 8 CFR 208.6. "
    "Cada consulta queda registrada.",
    "Primary navigation": "Navegación principal",
    "Dashboard": "Panel",
    "People": "Personas",
    "Imports": "Importaciones",
    "Language": "Idioma",
    "Change": "Cambiar",
    "Sign out": "Cerrar sesión",
    "Amparo administers the settlement of Ms. L. v. ICE, M.M.M. v. Sessions and Dora v. "
    "Sessions.": "Amparo administra el acuerdo de Ms. L. v. ICE, M.M.M. v. Sessions y Dora v. Sessions.",
    "Aggregate counts only. Counts from 1 to 10 are shown as <11.": "Solo cifras agregadas. Las cifras de 1 a 10 se muestran como <11.",
    "People in the registry": "Personas en el registro",
    "People by case (provisional until eligibility is decided)": "Personas por caso (provisional hasta que se decida la elegibilidad)",
    "Case": "Caso",
    "Court status": "Estado en el tribunal",
    "Source records by agency": "Registros de origen por agencia",
    "Extract": "Extracto",
    "Records": "Registros",
    "Nothing imported yet.": "Todavía no se ha importado nada.",
    "Recent imports": "Importaciones recientes",
    "rows imported": "filas importadas",
    "Sign in": "Iniciar sesión",
    "Your username and password did not match. Please try again.": "El usuario y la contraseña no coinciden. Inténtelo de nuevo.",
    "Username": "Usuario",
    "Password": "Contraseña",
    "Extract files (CSV or XLSX)": "Archivos de extracto (CSV o XLSX)",
    "cbp_apprehensions, ice_detention, orr_referrals, uscis_fear: one or more, imported "
    "together or not at all.": "cbp_apprehensions, ice_detention, orr_referrals, uscis_fear: uno o varios, "
    "importados juntos o ninguno.",
    "Why (for the audit log)": "Motivo (para el registro de auditoría)",
    "Queued": "En cola",
    "Running": "En curso",
    "Imported": "Importado",
    "Refused": "Rechazado",
    "Failed": "Fallido",
    "Importing…": "Importando…",
    "rows": "filas",
    "Import progress": "Progreso de la importación",
    "Reload to see progress.": "Recargue para ver el progreso.",
    "Import": "Importar",
    "Status": "Estado",
    "Nothing was imported": "No se importó nada",
    "File": "Archivo",
    "Rows": "Filas",
    "Already present": "Ya presentes",
    "Rejected": "Rechazadas",
    "%(people)s new people; %(bad)s imported rows carry a bad value (kept, with that value "
    "unknown).": "%(people)s personas nuevas; %(bad)s filas importadas tienen un valor erróneo "
    "(conservadas, con ese valor desconocido).",
    "Row report": "Informe de filas",
    "Download the row report (CSV)": "Descargar el informe de filas (CSV)",
    "Line": "Línea",
    "Record": "Registro",
    "Column": "Columna",
    "Problem": "Problema",
    "Outcome": "Resultado",
    "Detail": "Detalle",
    "rejected": "rechazada",
    "kept, value unknown": "conservada, valor desconocido",
    "No problem found.": "No se encontró ningún problema.",
    "Previous": "Anterior",
    "Next": "Siguiente",
    "Import agency extracts": "Importar extractos de las agencias",
    "Past imports": "Importaciones anteriores",
    "Started": "Inicio",
    "By": "Por",
    "No import yet.": "Todavía no hay importaciones.",
    "The import has started.": "La importación ha comenzado.",
    "Name or A-number": "Nombre o número A",
    "Any case": "Cualquier caso",
    "Has a record from": "Tiene un registro de",
    "Any agency": "Cualquier agencia",
    "CBP apprehensions": "Detenciones de CBP",
    "ICE detention": "Detención de ICE",
    "ORR referrals": "Remisiones a ORR",
    "USCIS fear screenings": "Entrevistas de miedo de USCIS",
    "Filed": "Presentado",
    "Class certified": "Clase certificada",
    "Agreement lodged": "Acuerdo presentado",
    "Preliminary approval": "Aprobación preliminar",
    "Final approval": "Aprobación final",
    "Import rule": "Regla de importación",
    "Linkage run": "Ejecución de vinculación",
    "Reviewer": "Revisor",
    "Synthetic ground truth (demo)": "Verdad sintética (demostración)",
    "Parent of": "Madre o padre de",
    "Grandparent of": "Abuela o abuelo de",
    "Aunt or uncle of": "Tía o tío de",
    "Sibling of": "Hermana o hermano de",
    "Spouse of": "Cónyuge de",
    "Other relative of": "Otro familiar de",
    "Apprehended by Border Patrol": "Detenido por la Patrulla Fronteriza",
    "Referred to ORR": "Remitido a ORR",
    "Discharged from ORR": "Salida de ORR",
    "Booked into ICE detention": "Ingreso en detención de ICE",
    "Booked out of ICE detention": "Salida de detención de ICE",
    "Removed from the United States": "Deportado de los Estados Unidos",
    "Credible fear": "Miedo creíble",
    "Reasonable fear": "Miedo razonable",
    "Born": "Nacimiento",
    "A-number": "Número A",
    "Cases (provisional)": "Casos (provisional)",
    "Records from each agency": "Registros de cada agencia",
    "This record carries a bad value; see its import report.": "Este registro tiene un valor erróneo; vea su informe de importación.",
    "No record.": "Ningún registro.",
    "Custody timeline": "Cronología de custodia",
    "No custody event recorded.": "No hay eventos de custodia registrados.",
    "Fear screenings": "Entrevistas de miedo",
    "Date": "Fecha",
    "Kind": "Tipo",
    "Determination": "Determinación",
    "Judge review": "Revisión judicial",
    "Language / interpreter": "Idioma / intérprete",
    "Counsel present": "Abogado presente",
    "yes,no,unknown": "sí,no,desconocido",
    "Relationships (as reported)": "Parentescos (según lo declarado)",
    "Search": "Buscar",
    "Date of birth": "Fecha de nacimiento",
    "Citizenship": "Nacionalidad",
    "No one matches.": "Nadie coincide.",
    "Pagination": "Paginación",
    "Page %(n)s of %(total)s": "Página %(n)s de %(total)s",
    "Amparo is busy writing an import. Please try again in a few seconds.": "Amparo está guardando una importación. Inténtelo de nuevo en unos segundos.",
    "Identify": "Identificar",
    "Review": "Revisión",
    "Your answer": "Su respuesta",
    "Note": "Nota",
    "Finished": "Terminada",
    "Same person?": "¿La misma persona?",
    "Separated parent and child?": "¿Madre o padre e hijo separados?",
    "Yes": "Sí",
    "No": "No",
    "Unsure": "No estoy seguro",
    "Running…": "En curso…",
    "Run progress": "Progreso de la ejecución",
    "Score": "Puntuación",
    "Left": "Izquierda",
    "Adult": "Adulto",
    "Record A": "Registro A",
    "Right": "Derecha",
    "Child": "Niño o niña",
    "Record B": "Registro B",
    "Evidence": "Pruebas",
    "Field": "Campo",
    "Weight": "Peso",
    "Record my answer": "Registrar mi respuesta",
    "Review queue": "Cola de revisión",
    "Links the system would not decide alone. Each answer is recorded with your name and applied by every later run.": "Vínculos que el sistema no decide solo. Cada respuesta queda registrada con su nombre y la aplica cada ejecución posterior.",
    "Question": "Pregunta",
    "Nothing waits for review.": "No hay nada pendiente de revisión.",
    "Identification run": "Ejecución de identificación",
    "Result": "Resultado",
    "Open the review queue": "Abrir la cola de revisión",
    "Reproducibility": "Reproducibilidad",
    "Inputs, settings, model and versions": "Entradas, ajustes, modelo y versiones",
    "Identification runs": "Ejecuciones de identificación",
    "A run links every imported record into people and separated families, applies every reviewer's decision, and sends what is uncertain to the review queue.": "Una ejecución vincula cada registro importado en personas y familias separadas, aplica cada decisión de los revisores y envía lo incierto a la cola de revisión.",
    "Start a run": "Iniciar una ejecución",
    "Separations": "Separaciones",
    "For review": "Para revisión",
    "No run yet.": "Todavía no hay ejecuciones.",
    "The identification run has started.": "La ejecución de identificación ha comenzado.",
    "Your answer was recorded.": "Su respuesta quedó registrada.",
    "Confirmed": "Confirmada",
    "Waiting for review": "Pendiente de revisión",
    "Parent": "Madre o padre",
    "Separated on": "Separación",
    "Reunified on": "Reunificación",
    "Parent removed on": "Deportación de la madre o el padre",
    "by a reviewer": "por un revisor",
}
PLURALS: dict[str, tuple[str, str]] = {
    "%(counter)s open question": ("%(counter)s pregunta abierta", "%(counter)s preguntas abiertas"),
    "%(counter)s person": ("%(counter)s persona", "%(counter)s personas"),
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _join(block: str) -> str:
    return "".join(
        m.replace('\\"', '"').replace("\\\\", "\\")
        for m in re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    )


def _set_form(entry: str, n: int, text: str) -> str:
    return re.sub(
        rf'^msgstr\[{n}\] (?:".*"\n?)+',
        lambda _m: f"msgstr[{n}] {_quote(text)}\n",
        entry,
        flags=re.MULTILINE,
    ).rstrip("\n")


def fill(po_text: str) -> tuple[str, list[str]]:
    missing: list[str] = []
    out: list[str] = []
    for original in po_text.split("\n\n"):
        entry = original
        match = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.MULTILINE)
        if not match or _join(match.group(1)) == "":
            out.append(entry)
            continue
        msgid = _join(match.group(1))
        # Every entry is translated here, so msgmerge's guesses go.
        entry = entry.replace("#, fuzzy\n", "").replace("#, fuzzy, ", "#, ")
        entry = "\n".join(line for line in entry.split("\n") if not line.startswith("#|"))
        if "msgid_plural" in entry:
            one, many = PLURALS.get(msgid, ("", ""))
            if not one:
                missing.append(msgid)
            # Each form whole, continuation lines included: msgmerge wraps a long earlier
            # translation over several lines, and replacing only the first would leave the
            # rest behind to be joined on (the text repeated once per run).
            entry = _set_form(entry, 0, one)
            entry = _set_form(entry, 1, many)
            # Spanish declares a third form (for exact millions): it reads as the plural.
            # An entry made before the header declared it has no line for it: add one,
            # or gettext falls back to English for every plural of that entry.
            if "msgstr[2]" not in entry:
                entry = re.sub(
                    r"^(msgstr\[1\] .*)$", r'\1\nmsgstr[2] ""', entry, flags=re.MULTILINE
                )
            entry = _set_form(entry, 2, many)
        else:
            translated = ES.get(msgid, "")
            if not translated:
                missing.append(msgid)
            entry = re.sub(
                r'msgstr ((?:".*"\n?)+)$', f"msgstr {_quote(translated)}", entry, flags=re.MULTILINE
            )
        out.append(entry)
    return "\n\n".join(out), missing


def _load_app_tables() -> None:
    """Each bounded context may keep its strings in tools/es_<app>.py (ES and PLURALS),
    so that work on different apps never edits the same table."""
    import importlib.util

    for path in sorted(Path(__file__).resolve().parent.glob("es_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        ES.update(getattr(module, "ES", {}))
        PLURALS.update(getattr(module, "PLURALS", {}))


def main() -> None:
    _load_app_tables()
    text, missing = fill(PO.read_text(encoding="utf-8"))
    text = text.replace('"Language: \\n"', '"Language: es\\n"')
    PO.write_text(text, encoding="utf-8")
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
