"""Spanish for the lifecycle app: retention and anonymisation (merged by tools/fill_es.py)."""

ES: dict[str, str] = {
    # Kinds of data, actions, whom (labels.py)
    "Names": "Nombres",
    "Dates of birth": "Fechas de nacimiento",
    "A-numbers": "Números A",
    "Addresses and contact details": "Direcciones y datos de contacto",
    "Statements and notes": "Declaraciones y notas",
    "Scans and evidence files": "Escaneos y archivos de pruebas",
    "Interview records and worksheets": "Registros y hojas de trabajo de entrevistas",
    "Screener contacts": "Contactos del cuestionario",
    "API tokens and sessions": "Tokens de API y sesiones",
    "Uploaded extract files": "Archivos de extractos cargados",
    "Values quoted in import reports": "Valores citados en los informes de importación",
    "Delete": "Eliminar",
    "Replace with a pseudonym": "Sustituir por un seudónimo",
    "Keep the year only": "Conservar solo el año",
    "Redact": "Tachar",
    "Delete the file": "Eliminar el archivo",
    "Minors": "Menores",
    "Adults": "Adultos",
    "Everyone": "Todos",
    # The rules, as people read them
    "A child's names and A-number become a stable pseudonym 90 days after the settlement ends.": (
        "Los nombres y el número A de un niño o niña pasan a ser un seudónimo estable 90 días "
        "después del fin del acuerdo."
    ),
    "A child's date of birth keeps its year only, so the court's age bands can still be counted.": (
        "De la fecha de nacimiento de un niño o niña se conserva solo el año, para que aún puedan "
        "contarse los grupos de edad del tribunal."
    ),
    "A child's statements, notes, interview records and contact details are redacted.": (
        "Se tachan las declaraciones, notas, registros de entrevistas y datos de contacto de un "
        "niño o niña."
    ),
    "Scans and evidence filed for a child are deleted from disk.": (
        "Los escaneos y las pruebas presentados para un niño o niña se eliminan del disco."
    ),
    "API tokens and sessions end with the settlement.": (
        "Los tokens de API y las sesiones terminan con el acuerdo."
    ),
    "Contacts left on the public screener are deleted 30 days after the end.": (
        "Los contactos dejados en el cuestionario público se eliminan 30 días después del fin."
    ),
    "The agencies' uploaded extract files are deleted 90 days after the end.": (
        "Los archivos de extractos cargados por las agencias se eliminan 90 días después del fin."
    ),
    "The values quoted in the import reports' rejected rows are redacted with the extract files.": (
        "Los valores citados en las filas rechazadas de los informes de importación se tachan "
        "junto con los archivos de extractos."
    ),
    "An adult's statements, notes, interview records and contact details are redacted a year after the end; names, dates of birth and A-numbers are kept as the government's own records.": (
        "Las declaraciones, notas, registros de entrevistas y datos de contacto de un adulto se "
        "tachan un año después del fin; los nombres, las fechas de nacimiento y los números A se "
        "conservan como registros propios del gobierno."
    ),
    "Scans and evidence filed for an adult are deleted a year after the end.": (
        "Los escaneos y las pruebas presentados para un adulto se eliminan un año después del fin."
    ),
    # Forms (forms.py)
    "The settlement ended on": "El acuerdo terminó el",
    "Type APPLY RETENTION to confirm": "Escriba APPLY RETENTION para confirmar",
    "This cannot be undone: names, dates and files are gone for good.": (
        "No se puede deshacer: los nombres, las fechas y los archivos desaparecen para siempre."
    ),
    "Type the phrase exactly as shown.": "Escriba la frase exactamente como aparece.",
    # Views and the page (views.py, lifecycle/home.html)
    "Retention applied: %(total)s changes, %(files)s files deleted.": (
        "Conservación aplicada: %(total)s cambios, %(files)s archivos eliminados."
    ),
    "Retention and anonymisation": "Conservación y anonimización",
    "At the end of the settlement, the rules below delete or anonymise personal data: minors' data first. A dry-run counts what would change and writes nothing.": (
        "Al terminar el acuerdo, las reglas siguientes eliminan o anonimizan los datos "
        "personales: primero los de los menores. Una simulación cuenta lo que cambiaría y no "
        "escribe nada."
    ),
    "Rules": "Reglas",
    "Rule": "Regla",
    "Whom": "A quién",
    "Data": "Datos",
    "Action": "Acción",
    "Days after the end": "Días después del fin",
    "Why": "Por qué",
    "Dry-run": "Simulación",
    "Count what would change": "Contar lo que cambiaría",
    "If applied today (%(today)s) for a settlement ended on %(end)s: %(total)s changes, to the data of %(minors)s minors and %(adults)s adults.": (
        "Si se aplicara hoy (%(today)s) a un acuerdo terminado el %(end)s: %(total)s cambios, en "
        "los datos de %(minors)s menores y %(adults)s adultos."
    ),
    "Due on": "Vence el",
    "Changes": "Cambios",
    "Sample": "Muestra",
    "Apply": "Aplicar",
    "Apply the rules": "Aplicar las reglas",
    "Past runs": "Ejecuciones anteriores",
    "Applied on": "Aplicada el",
    "By": "Por",
    "Settlement end": "Fin del acuerdo",
    "Files deleted": "Archivos eliminados",
    "No run yet.": "Todavía no hay ejecuciones.",
    # Refusals (services.py)
    "The settlement ends on %(end)s: nothing is deleted or anonymised before then.": (
        "El acuerdo termina el %(end)s: no se elimina ni se anonimiza nada antes de esa fecha."
    ),
    "No rule is due yet: the first is due on %(due)s.": (
        "Todavía no vence ninguna regla: la primera vence el %(due)s."
    ),
}
