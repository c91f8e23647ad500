"""Spanish for the eligibility app (merged by tools/fill_es.py)."""

ES: dict[str, str] = {
    "Rosters": "Listas de la clase",
    "Court &amp; rules": "Tribunal y reglas",
    "Membership": "Pertenencia",
    "Members and possible members": "Miembros y posibles miembros",
    "Members": "Miembros",
    "Undecided (facts missing)": "Sin decidir (faltan datos)",
    "Not members": "No miembros",
    "Owed": "Le corresponde",
    "Anything": "Cualquier cosa",
    "Actionable now only": "Solo lo que ya se puede ejecutar",
    "Date of the order": "Fecha de la orden",
    "Order or docket entry": "Orden o anotación en el expediente",
    "Reaches": "Alcanza a",
    "What may start (none ticked: everything)": "Qué puede empezar (si no marca nada: todo)",
    "Rule": "Regla",
    "Parameter": "Parámetro",
    "New value (a date YYYY-MM-DD, a number, or codes separated by commas)": (
        "Nuevo valor (una fecha AAAA-MM-DD, un número o códigos separados por comas)"
    ),
    "Why (which text or order)": "Por qué (qué texto u orden)",
    "Fact": "Dato",
    "Value (yes or no for a child's own claim; the code for an exclusion)": (
        "Valor (sí o no para la solicitud propia de un niño; el código para una exclusión)"
    ),
    "Unknown": "Desconocido",
    "Source": "Fuente",
    "Recomputed on request": "Recalculado a petición",
    "Court approval changed": "Cambió la aprobación del tribunal",
    "Early-processing order recorded": "Se registró una orden de tramitación anticipada",
    "Rule parameter changed": "Cambió un parámetro de una regla",
    "Fact recorded": "Se registró un dato",
    "Every class member": "Todos los miembros de la clase",
    "Members held in detention": "Miembros detenidos",
    "Determination that the parent is unfit or a danger": (
        "Determinación de que el padre o la madre no es apto o es un peligro"
    ),
    "Child's own asylum claim": "Solicitud de asilo propia del niño",
    "Ms. L. class (separated parent)": "Clase Ms. L. (padre o madre separado)",
    "M.M.M. class (separated child)": "Clase M.M.M. (niño separado)",
    "Dora class (negative fear finding while separated)": (
        "Clase Dora (determinación de miedo negativa durante la separación)"
    ),
    "Review and new credible fear interview": "Revisión y nueva entrevista de miedo creíble",
    "Child's own interview": "Entrevista propia del niño",
    "Candidate for return (deported parent)": "Candidato a regresar (padre o madre deportado)",
    "Notice to Appear (parent or child positive)": (
        "Notificación de comparecencia (padre, madre o niño con resultado positivo)"
    ),
    "Ordinary credible fear process (never screened)": (
        "Proceso ordinario de miedo creíble (nunca entrevistado)"
    ),
    "Meets the class definition.": "Cumple la definición de la clase.",
    "Travelled with the child as %(relationship)s, not as a parent: relatives other than parents are not class parents.": (
        "Viajó con el niño como %(relationship)s, no como padre o madre: los familiares que "
        "no son padres no son padres de la clase."
    ),
    "The child was %(child_age)s on the day of separation.": (
        "El niño tenía %(child_age)s años el día de la separación."
    ),
    "Separated on %(separated_on)s, before the class window opens (%(window_start)s).": (
        "Separados el %(separated_on)s, antes de que empiece el período de la clase "
        "(%(window_start)s)."
    ),
    "The child left government custody on %(custody_ended_on)s, before the class was certified; the class as defined on this date does not reach them.": (
        "El niño salió de la custodia del gobierno el %(custody_ended_on)s, antes de que se "
        "certificara la clase; la clase tal como se define en esta fecha no lo incluye."
    ),
    "Excluded by a recorded determination (%(exclusion)s) that the parent is unfit or a danger to the child.": (
        "Excluido por una determinación registrada (%(exclusion)s) de que el padre o la "
        "madre no es apto o es un peligro para el niño."
    ),
    "Not held by DHS after the separation.": "No estuvo bajo custodia del DHS tras la separación.",
    "No separation from a child on record.": "No consta ninguna separación de un hijo.",
    "No separation from a parent on record.": "No consta ninguna separación de su padre o madre.",
    "No parent-child separation on record.": "No consta ninguna separación entre padre o madre e hijo.",
    "No credible or reasonable fear screening on record.": (
        "No consta ninguna entrevista de miedo creíble o razonable."
    ),
    "No negative fear finding on record.": "No consta ninguna determinación de miedo negativa.",
    "The negative fear interview did not take place while parent and child were apart.": (
        "La entrevista de miedo negativa no tuvo lugar mientras padre o madre e hijo "
        "estaban separados."
    ),
    "Cannot be decided yet.": "Todavía no se puede decidir.",
    "Class membership is not settled yet.": "La pertenencia a la clase aún no está decidida.",
    "Not a member of a class this applies to.": "No es miembro de una clase a la que se aplique.",
    "The fear finding on record is positive (%(finding)s): the procedures do not change it.": (
        "La determinación de miedo que consta es positiva (%(finding)s): los procedimientos "
        "no la cambian."
    ),
    "Removed from the United States on %(removed_on)s: not in the procedures here.": (
        "Expulsado de los Estados Unidos el %(removed_on)s: no entra en los procedimientos de aquí."
    ),
    "Negative finding (%(finding)s, interviewed %(interviewed_on)s) and in the United States: owed a good-faith review and a new interview.": (
        "Determinación negativa (%(finding)s, entrevista del %(interviewed_on)s) y en los "
        "Estados Unidos: le corresponden una revisión de buena fe y una nueva entrevista."
    ),
    "Has a claim of their own and is in the United States.": (
        "Tiene una solicitud propia y está en los Estados Unidos."
    ),
    "Recorded as having no claim of their own.": "Consta que no tiene una solicitud propia.",
    "In the United States: the interview procedures apply.": (
        "En los Estados Unidos: se aplican los procedimientos de entrevista."
    ),
    "Removed together with the child.": "Expulsado junto con el niño.",
    "Removed on %(removed_on)s without the child: class counsel may present the case for return within %(presentation_days)s days.": (
        "Expulsado el %(removed_on)s sin el niño: los abogados de la clase pueden presentar "
        "el caso para su regreso en un plazo de %(presentation_days)s días."
    ),
    "Own fear finding is positive (%(finding)s).": (
        "Su propia determinación de miedo es positiva (%(finding)s)."
    ),
    "The separated parent or child was found to have fear (%(relative_finding)s): both get a Notice to Appear.": (
        "Se determinó que el padre, la madre o el niño separado tiene miedo "
        "(%(relative_finding)s): ambos reciben una notificación de comparecencia."
    ),
    "Neither parent nor child has a positive finding.": (
        "Ni el padre o la madre ni el niño tienen una determinación positiva."
    ),
    "Already screened for fear: %(findings)s screening(s).": (
        "Ya tuvo entrevista de miedo: %(findings)s entrevista(s)."
    ),
    "No rule for this is in force on that date.": "Ninguna regla sobre esto está vigente en esa fecha.",
    "how the adult is related to the child": "qué parentesco tiene el adulto con el niño",
    "a reviewer's decision on the parent-child link": (
        "la decisión de un revisor sobre el vínculo entre padre o madre e hijo"
    ),
    "the date of separation": "la fecha de la separación",
    "the child's date of birth": "la fecha de nacimiento del niño",
    "whether the child was still in government custody": (
        "si el niño seguía bajo custodia del gobierno"
    ),
    "whether DHS held the parent": "si el DHS detuvo al padre o la madre",
    "the date of the fear interview": "la fecha de la entrevista de miedo",
    "whether the child has an asylum claim of their own": (
        "si el niño tiene una solicitud de asilo propia"
    ),
    "an aunt or uncle": "tía o tío",
    "a grandparent": "abuela o abuelo",
    "an adult sibling": "hermano adulto",
    "another adult": "otro adulto",
    "Unknown: needs %(what)s.": "Desconocido: falta %(what)s.",
    "Actionable now: the agreement is finally approved in %(case)s.": (
        "Ya se puede ejecutar: el acuerdo tiene aprobación definitiva en %(case)s."
    ),
    "Actionable now under the early-processing order of %(date)s in %(case)s.": (
        "Ya se puede ejecutar por la orden de tramitación anticipada del %(date)s en %(case)s."
    ),
    "Not actionable: the court refused to approve the agreement in %(case)s.": (
        "No se puede ejecutar: el tribunal rechazó aprobar el acuerdo en %(case)s."
    ),
    "Not actionable: the court's state was not known to this run.": (
        "No se puede ejecutar: este cálculo no conocía la situación ante el tribunal."
    ),
    "Not actionable yet: the agreement awaits final approval in %(case)s.": (
        "Aún no se puede ejecutar: el acuerdo espera la aprobación definitiva en %(case)s."
    ),
    "Classes and what the agreement owes": "Clases y lo que el acuerdo le debe",
    "Decided on %(as_of)s under rules %(version)s.": (
        "Decidido a fecha %(as_of)s con las reglas %(version)s."
    ),
    "Rules and facts": "Reglas y datos",
    "Not evaluated yet.": "Todavía no evaluado.",
    "Record a fact the agencies' records do not hold": (
        "Registrar un dato que no está en los registros de las agencias"
    ),
    "Court orders and rules": "Órdenes del tribunal y reglas",
    "Where the agreement stands": "Situación del acuerdo",
    "Lodged": "Presentado",
    "Nothing the agreement owes can be acted on in a case until it is finally approved there, unless an early-processing order allows it.": (
        "Nada de lo que el acuerdo debe puede ejecutarse en un caso hasta su aprobación "
        "definitiva en él, salvo que una orden de tramitación anticipada lo permita."
    ),
    "Record a change of status": "Registrar un cambio de situación",
    "Record status": "Registrar situación",
    "Early-processing orders": "Órdenes de tramitación anticipada",
    "everything": "todo",
    "None recorded.": "Ninguna registrada.",
    "Record an order": "Registrar una orden",
    "Record order": "Registrar orden",
    "Rules in force: %(name)s version %(version)s": "Reglas vigentes: %(name)s versión %(version)s",
    "Citation": "Cita",
    "In force": "Vigencia",
    "Parameters": "Parámetros",
    "Change a parameter (everyone is recomputed)": "Cambiar un parámetro (se recalcula a todos)",
    "Change parameter": "Cambiar parámetro",
    "Changes recorded": "Cambios registrados",
    "Recent recomputations": "Cálculos recientes",
    "Recompute everyone now": "Recalcular a todos ahora",
    "When": "Cuándo",
    "Why": "Por qué",
    "Rules": "Reglas",
    "Changed": "Cambiaron",
    "Actionable before → after": "Ejecutable antes → después",
    "None yet.": "Ninguno todavía.",
    "Class roster": "Lista de la clase",
    "Filter": "Filtrar",
    "Export CSV": "Exportar CSV",
    "Actionable now": "Ejecutable ahora",
    "yes,no": "sí,no",
    "Status recorded; the case's people are being recomputed.": (
        "Situación registrada; se están recalculando las personas del caso."
    ),
    "Order recorded; the case's people are being recomputed.": (
        "Orden registrada; se están recalculando las personas del caso."
    ),
    "Parameter changed; everyone is being recomputed.": (
        "Parámetro cambiado; se está recalculando a todos."
    ),
    "Everyone is being recomputed.": "Se está recalculando a todos.",
    "The fact was not recorded: fill in every field.": (
        "El dato no se registró: rellene todos los campos."
    ),
    "Recorded; this person's answers were recomputed.": (
        "Registrado; se recalcularon las respuestas de esta persona."
    ),
    "Approval refused": "Aprobación rechazada",
    "Election recorded": "Se registró una elección",
    "Identification run": "Ejecución de identificación",
    "Actionable now.": "Ya se puede ejecutar.",
    "Not actionable yet: the agreement awaits final approval.": (
        "Aún no se puede ejecutar: el acuerdo espera la aprobación definitiva."
    ),
    "Not actionable: owed through a separated relative's class, but this person is not a class member themselves.": (
        "No se puede ejecutar: le corresponde por la clase de un familiar separado, pero "
        "esta persona no es miembro de una clase."
    ),
    "the parent this child was separated from (an agency record says the child was separated, but identification has not linked the parent yet)": (
        "el padre o la madre de quien se separó al niño (un registro de una agencia dice "
        "que fue separado, pero la identificación aún no ha vinculado al padre o la madre)"
    ),
    "Was %(parent_age)s on the day of separation: the parent class is of adults.": (
        "Tenía %(parent_age)s años el día de la separación: la clase de padres es de adultos."
    ),
    "The member knowingly and voluntarily waived the settlement procedures and asked to be removed.": (
        "El miembro renunció, a sabiendas y voluntariamente, a los procedimientos del "
        "acuerdo y pidió ser expulsado."
    ),
    "the person's date of birth": "la fecha de nacimiento de la persona",
    "the outcome of the fear screening on record": "el resultado de la entrevista de miedo que consta",
    "the outcome of the separated relative's fear screening": (
        "el resultado de la entrevista de miedo del familiar separado"
    ),
    "Not actionable yet: no election form returned. This is not a waiver; the member must choose to stay before anything is scheduled.": (
        "Aún no se puede ejecutar: no se ha devuelto el formulario de elección. Esto no es "
        "una renuncia; el miembro debe elegir quedarse antes de que se programe nada."
    ),
    "Cases": "Casos",
    "Classes": "Clases",
    "Owed under the agreement": "Lo que le corresponde según el acuerdo",
}

PLURALS: dict[str, tuple[str, str]] = {
    "%(counter)s earlier decision kept.": (
        "Se conserva %(counter)s decisión anterior.",
        "Se conservan %(counter)s decisiones anteriores.",
    ),
}
