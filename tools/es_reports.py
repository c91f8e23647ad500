"""Spanish for the reports app (merged by tools/fill_es.py)."""

ES: dict[str, str] = {
    "found not to have been separated": "se determinó que no fueron separados",
    "newly found to have been separated": "se determinó por primera vez que fueron separados",
    "no longer reached by this report's cases": "ya no están comprendidos en los casos de este informe",
    "newly reached by this report's cases": "ahora comprendidos en los casos de este informe",
    "the cases that reach them changed": "cambiaron los casos que los comprenden",
    "%(what)s changed from %(before)s to %(after)s": "%(what)s cambió de «%(before)s» a «%(after)s»",
    "In this copy, each figure is as its own report showed it, and no count of people is given for a reason.": "En esta copia, cada cifra figura como la mostró su propio informe, y no se da el número de personas de cada motivo.",
    # Navigation and the snapshot form (forms.py)
    "Reports": "Informes",
    "As of": "Fecha de corte",
    "Note (which filing)": "Nota (a qué escrito corresponde)",
    # Report and section names (labels.py)
    "All three cases, combined": "Los tres casos, en conjunto",
    "Parents": "Padres",
    "Class members and elections": "Miembros de la clase y elecciones",
    # Categories: totals capitalised, their parts as lowercase fragments under them
    "Children identified": "Niños identificados",
    "under 5": "menores de 5 años",
    "5 to 17": "de 5 a 17 años",
    "age not known": "edad desconocida",
    "still in ORR care": "aún bajo el cuidado de ORR",
    "Discharged from ORR care": "Salieron del cuidado de ORR",
    "reunified with a parent": "reunificados con el padre o la madre",
    "released to a sponsor": "entregados a un patrocinador",
    "turned 18": "cumplieron 18 años",
    "Separated parents": "Padres separados",
    "in immigration detention": "en detención migratoria",
    "released in the interior": "liberados en el interior del país",
    "in criminal custody": "bajo custodia penal",
    "removed from the United States": "expulsados de los Estados Unidos",
    "whereabouts unknown": "paradero desconocido",
    "Found ineligible (red flag)": "Declarados no elegibles por una alerta (bandera roja)",
    "Ms. L. class members": "Miembros de la clase Ms. L.",
    "M.M.M. class members": "Miembros de la clase M.M.M.",
    "Dora class members": "Miembros de la clase Dora",
    "Elected to stay and pursue the procedures": "Eligieron quedarse y seguir los procedimientos",
    "Waived the procedures": "Renunciaron a los procedimientos",
    "Interviews requested": "Entrevistas solicitadas",
    "scheduled": "programadas",
    "conducted": "realizadas",
    "positive": "positivas",
    "negative": "negativas",
    "in review by an immigration judge": "en revisión por un juez de inmigración",
    "Deported parents with a return case": "Padres deportados con un caso de retorno",
    "located": "localizados",
    "contacted": "contactados",
    "applied to return": "con solicitud de retorno",
    "return approved": "con retorno aprobado",
    "returned": "regresaron",
    "reached in a language they understand": "alcanzados en un idioma que entienden",
    "not yet reached": "aún no alcanzados",
    "Objections received": "Objeciones recibidas",
    "received after the deadline": "recibidas fuera de plazo",
    # Chart titles
    "Children: age and care": "Niños: edad y cuidado",
    "Separated parents: where they are": "Padres separados: dónde están",
    # What changed for a person between two snapshots (the %(what)s of a reason)
    "in the registry": "en el registro",
    "separated child": "menor separado",
    "separated parent": "padre o madre separado",
    "ORR care": "cuidado de ORR",
    "parent's custody": "custodia del padre o la madre",
    "class membership": "pertenencia a la clase",
    "election": "elección",
    "red flag": "alerta (bandera roja)",
    "interview": "entrevista",
    "return case": "caso de retorno",
    "notice": "aviso",
    "cases": "casos",
    "no change on record": "no consta ningún cambio",
    # The reasons for a change: at the top of this table (render.py)
    # The report's figures (templates/reports/_figures.html, report_pdf.html)
    "As of %(as_of)s": "Fecha de corte: %(as_of)s",
    "Data": "Datos",
    "Changes since the previous report": "Cambios desde el informe anterior",
    "Compared with the snapshot as of %(as_of)s.": (
        "En comparación con la instantánea con fecha de corte %(as_of)s."
    ),
    "No change.": "Sin cambios.",
    "This is the first report: nothing to compare with.": (
        "Este es el primer informe: no hay nada con qué comparar."
    ),
    # The reports pages (templates/reports/home.html, report.html) and views.py
    "Reports to the court": "Informes al tribunal",
    "Joint status reports from dated, frozen snapshots: the same snapshot gives the same "
    "report, byte for byte.": (
        "Informes conjuntos de situación a partir de instantáneas fechadas e inalterables: "
        "la misma instantánea da el mismo informe, byte por byte."
    ),
    "Take a snapshot": "Tomar una instantánea",
    "Snapshots": "Instantáneas",
    "Taken": "Tomada",
    "No snapshot yet.": "Todavía no hay instantáneas.",
    "Open this report, per case, with its files": "Abrir este informe, por caso, con sus archivos",
    "Show every figure (the parties' copy)": "Mostrar todas las cifras (copia de las partes)",
    "Show the court's copy (small counts hidden)": (
        "Mostrar la copia para el tribunal (cifras pequeñas ocultas)"
    ),
    "Files": "Archivos",
    "Snapshot taken: %(people)s people, in %(seconds)s s.": (
        "Instantánea tomada: %(people)s personas, en %(seconds)s s."
    ),
    # The PDF (templates/reports/report_pdf.html)
    "United States District Court, Southern District of California": (
        "Tribunal de Distrito de los Estados Unidos, Distrito Sur de California"
    ),
    "Joint status report: figures": "Informe conjunto de situación: cifras",
    "Charts": "Gráficos",
    "not known": "sin dato",
    "in ORR care": "bajo el cuidado de ORR",
    "removed": "expulsados",
    "elected to stay": "eligieron quedarse",
    "waived": "renunciaron",
    "reached": "alcanzados",
    "none": "ninguno",
    "yes": "sí",
    "no": "no",
    "Separated children": "Niños separados",
    "Counts under %(band)s, and any that would reveal one, are shown as &lt;%(band)s.": "Las cifras menores de %(band)s, y las que permitirían deducir una de ellas, se muestran como &lt;%(band)s.",
}
