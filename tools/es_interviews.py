"""Spanish for the interviews app (merged by tools/fill_es.py)."""

ES: dict[str, str] = {
    # The navigation (core/templates/base.html)
    "Interviews": "Entrevistas",
    "Supervisory review": "Revisión del supervisor",
    "Clients' interviews": "Entrevistas de los clientes",
    # Models
    "Requested": "Solicitada",
    "Scheduled": "Programada",
    "Rescheduled": "Reprogramada",
    "No-show": "Incomparecencia",
    "Cancelled": "Cancelada",
    "Conducted": "Realizada",
    "Determination drafted": "Determinación redactada",
    "In supervisory review": "En revisión del oficial supervisor",
    "Returned by the supervisor": "Devuelta por el oficial supervisor",
    "Approved": "Aprobada",
    "Served": "Notificada",
    "Notice to Appear": "Aviso de Comparecencia",
    "Judge's review requested": "Revisión del juez solicitada",
    "Judge's review declined": "Revisión del juez declinada",
    "Negative affirmed by the judge": "Determinación negativa confirmada por el juez",
    "Negative vacated by the judge": "Determinación negativa anulada por el juez",
    "Child (own claim)": "Niño o niña (solicitud propia)",
    "Positive: credible fear found": "Positiva: se determinó miedo creíble",
    "Negative: no credible fear found": "Negativa: no se determinó miedo creíble",
    "Present in person": "Presente en persona",
    "Present by telephone": "Presente por teléfono",
    "Absent": "Ausente",
    "No parent assisted": "No asistió el padre ni la madre",
    "A parent assisted in person": "El padre o la madre asistió en persona",
    "A parent assisted by telephone": "El padre o la madre asistió por teléfono",
    "The deported parent joined by telephone": (
        "El padre o la madre deportado participó por teléfono"
    ),
    "First interview (from its worksheet summary)": (
        "Primera entrevista (según el resumen de su hoja de trabajo)"
    ),
    "Settlement interview": "Entrevista del acuerdo",
    "Beating": "Golpiza",
    "Threat": "Amenaza",
    "Sexual violence": "Violencia sexual",
    "Kidnapping": "Secuestro",
    "Extortion": "Extorsión",
    "Killing of a relative": "Asesinato de un familiar",
    "Detention": "Detención",
    "Other": "Otro",
    "Gang": "Pandilla",
    "Police": "Policía",
    "Military": "Militares",
    "Family member": "Familiar",
    "Partner": "Pareja",
    "Day": "Día",
    "Month": "Mes",
    "Year": "Año",
    "Own positive determination": "Determinación positiva propia",
    "Judge vacated the negative determination": "El juez anuló la determinación negativa",
    "Credible fear found for the linked parent or child": (
        "Se determinó miedo creíble del padre, la madre o el niño vinculado"
    ),
    # Forms
    "Race": "Raza",
    "Religion": "Religión",
    "Nationality": "Nacionalidad",
    "Political opinion": "Opinión política",
    "Particular social group": "Grupo social determinado",
    "Not recorded": "Sin registrar",
    "Whose interview": "De quién es la entrevista",
    "Date and time": "Fecha y hora",
    "Facility and room": "Centro y sala",
    "The person joins by telephone (e.g. a deported parent)": (
        "La persona participa por teléfono (p. ej., un padre o una madre deportados)"
    ),
    "Counsel": "Abogado",
    "The person's written waiver of counsel is on file": (
        "Consta en el expediente la renuncia por escrito de la persona al abogado"
    ),
    "Language interpreted": "Idioma de la interpretación",
    "The person's best language": "Idioma que la persona mejor entiende",
    "Information sheet (M-444) served": "Se entregó la hoja de información M-444",
    "Held in a private setting": "Se realizó en un lugar privado",
    "A parent's assistance (a child's interview)": (
        "Asistencia del padre o la madre (entrevista de un niño)"
    ),
    "Mark the interview conducted": "Marcar la entrevista como realizada",
    "Date of the interview": "Fecha de la entrevista",
    "Best language": "Idioma que mejor entiende",
    "By telephone": "Por teléfono",
    "Separated from the child on": "Fecha de la separación del niño",
    "Knew where the child was at the time": "Sabía dónde estaba el niño en ese momento",
    "Protected grounds": "Motivos protegidos",
    "Fear of persecution": "Miedo a la persecución",
    "Fear of torture": "Miedo a la tortura",
    "Internal relocation possible": "Posible reubicación interna",
    "State protection available": "Protección del Estado disponible",
    "Possible bars flagged (comma-separated)": (
        "Posibles impedimentos señalados (separados por comas)"
    ),
    "The summary was read back to the person": "Se leyó el resumen a la persona",
    "Corrections made on read-back": "Correcciones hechas al leer el resumen",
    "Question and answer notes": "Notas de preguntas y respuestas",
    "Harm": "Daño",
    "Known to the": "Fecha conocida hasta el",
    "Place": "Lugar",
    "Perpetrator": "Autor",
    "Summary of the determination": "Resumen de la determinación",
    "Due consideration: how the parent's state at the first interview bears on this": (
        "Debida consideración: cómo influye en esto el estado del padre o la madre en la "
        "primera entrevista"
    ),
    "Approve": "Aprobar",
    "Return to the officer": "Devolver al oficial",
    "Decision": "Decisión",
    "Note (required to return)": "Nota (obligatoria para devolver)",
    "The person said, on the record, that they do not want a judge's review": (
        "La persona declaró, para que conste, que no quiere la revisión del juez"
    ),
    # What is missing or refused (labels.py)
    "counsel present (in person or by telephone) or the person's written waiver": (
        "la presencia del abogado (en persona o por teléfono) o la renuncia por escrito de "
        "la persona al abogado"
    ),
    "the language interpreted": "el idioma de la interpretación",
    "the person's best language": "el idioma que la persona mejor entiende",
    "the information sheet (M-444) served": "la entrega de la hoja de información M-444",
    "a private setting": "un lugar privado",
    "whether a parent assisted the child": "si el padre o la madre asistió al niño",
    "the interview's time": "la fecha y hora de la entrevista",
    "the determination": "la determinación",
    "the person's declination in their own words": (
        "la negativa de la persona, en sus propias palabras"
    ),
    "the worksheet of the new interview": "la hoja de trabajo de la nueva entrevista",
    "the summary read back to the person": "la lectura del resumen a la persona",
    "the first interview, entered from its worksheet summary": (
        "la primera entrevista, registrada a partir del resumen de su hoja de trabajo"
    ),
    "the dates of both interviews, in order": "las fechas de ambas entrevistas, en orden",
    "Not possible from this state: %(from)s to %(to)s.": (
        "No es posible desde este estado: de %(from)s a %(to)s."
    ),
    "A negative determination goes to the supervisor only once every inconsistency has a "
    "due-consideration assessment; %(count)d still lack one.": (
        "Una determinación negativa pasa al oficial supervisor solo cuando cada incoherencia "
        "tiene una evaluación de debida consideración; incoherencias aún sin evaluar: "
        "%(count)d."
    ),
    "That outcome does not follow from this determination.": (
        "Ese resultado no corresponde a esta determinación."
    ),
    "A no-show can be recorded only after the interview's time.": (
        "La incomparecencia solo puede registrarse después de la hora de la entrevista."
    ),
    "Not yet: still missing %(items)s.": "Todavía no: falta lo siguiente: %(items)s.",
    # The person page include (_person_interviews.html)
    "Settlement interviews": "Entrevistas del acuerdo",
    "No settlement interview yet.": "Todavía no hay entrevistas del acuerdo.",
    "Request an interview": "Solicitar una entrevista",
    "Request": "Solicitar",
    # A worksheet's column (_sheet_column.html)
    "Interpreted in": "Interpretación en",
    "yes,no,not recorded": "sí,no,sin registrar",
    "Knew where the child was": "Sabía dónde estaba el niño",
    "Possible bars": "Posibles impedimentos",
    "Summary read back": "Resumen leído a la persona",
    "Harms": "Daños",
    "to the": "hasta el",
    "Corrections on read-back": "Correcciones al leer el resumen",
    "Version": "Versión",
    "Not entered yet.": "Todavía no se ha registrado.",
    "Edit": "Editar",
    "Enter": "Registrar",
    # Counsel's clients (clients.html, interview_client.html)
    "My clients' interviews": "Entrevistas de mis clientes",
    "Settlement interviews of the people you represent: when, where, whether you were "
    "there, and the outcome.": (
        "Entrevistas del acuerdo de las personas que usted representa: cuándo, dónde, si "
        "usted estuvo presente y el resultado."
    ),
    "Client": "Cliente",
    "Interview": "Entrevista",
    "State": "Estado",
    "telephone": "por teléfono",
    "None of your clients has an interview yet.": (
        "Ninguno de sus clientes tiene una entrevista todavía."
    ),
    "served": "notificada el",
    "Ask for a judge's review by": "Plazo para pedir la revisión del juez",
    "Judge's decision due": "Plazo para la decisión del juez",
    "All my clients' interviews": "Todas las entrevistas de mis clientes",
    # The docket (docket.html)
    "Interview docket": "Agenda de entrevistas",
    "Every officer's docket": "Agenda de todos los oficiales",
    "My docket": "Mi agenda",
    "Settlement interviews still needing work, soonest first. Deadlines in red have passed.": (
        "Entrevistas del acuerdo con trabajo pendiente, las más próximas primero. Los plazos "
        "en rojo ya vencieron."
    ),
    "Needing work": "Con trabajo pendiente",
    "Only mine": "Solo las mías",
    "Every officer": "Todos los oficiales",
    "Interviews listed": "Entrevistas en la lista",
    "Person": "Persona",
    "Where": "Dónde",
    "Officer": "Oficial",
    "Next deadline": "Próximo plazo",
    "interpreter mismatch": "idioma de interpretación distinto",
    "Telephone": "Por teléfono",
    "notify counsel by": "avisar al abogado a más tardar el",
    "judge's decision due": "decisión del juez a más tardar el",
    "Nothing on the docket.": "No hay nada en la agenda.",
    # The interview page (interview_detail.html)
    "PDF summary": "Resumen en PDF",
    "Someone else saved this meanwhile": "Otra persona guardó cambios mientras tanto",
    "Saved by %(who)s (now version %(version)s). Your entries are kept in the form below and "
    "were not saved; the record shows what is saved now. Compare, then save again if yours "
    "should replace it.": (
        "Guardado por %(who)s (ahora es la versión %(version)s). Lo que usted escribió se "
        "conserva en el formulario de abajo y no se guardó; el registro muestra lo que está "
        "guardado ahora. Compare y vuelva a guardar si lo suyo debe reemplazarlo."
    ),
    "Not interviewed in the person's best language": (
        "No se entrevistó a la persona en el idioma que mejor entiende"
    ),
    "Counsel was told later than the required lead time": (
        "Se avisó al abogado con menos antelación de la exigida"
    ),
    "The judge's review was requested after the window": (
        "La revisión del juez se pidió fuera de plazo"
    ),
    "A Notice to Appear was issued by the cross-effect of a linked family member's interview": (
        "Se emitió un Aviso de Comparecencia por el efecto cruzado de la entrevista de un "
        "familiar vinculado"
    ),
    "When and where": "Cuándo y dónde",
    "Scheduled for": "Programada para",
    "Counsel to be told by": "Plazo para avisar al abogado",
    "told": "avisado",
    "short notice": "con poca antelación",
    "Judge's review to be asked by": "Plazo para pedir la revisión del juez",
    "Judge's decision": "Decisión del juez",
    "target": "fecha prevista",
    "due by": "a más tardar el",
    "Move the interview": "Cambiar la fecha de la entrevista",
    "Schedule": "Programar",
    "Record a no-show": "Registrar la incomparecencia",
    "Why cancel": "Motivo de la cancelación",
    "Cancel the interview": "Cancelar la entrevista",
    "Protections at the interview": "Garantías en la entrevista",
    "Before it can be marked conducted, record": "Antes de marcarla como realizada, registre",
    "Save": "Guardar",
    "written waiver on file": "renuncia por escrito en el expediente",
    "best language": "idioma que mejor entiende",
    "mismatch": "no coincide",
    "M-444 served": "M-444 entregada",
    "Private setting": "Lugar privado",
    "A parent's assistance": "Asistencia del padre o la madre",
    "The first interview and the new one": "La primera entrevista y la nueva",
    "Inconsistencies and due consideration": "Incoherencias y debida consideración",
    "At the first interview": "En la primera entrevista",
    "separated from the child for %(days)s days": "%(days)s días de separación del niño",
    "separation date unknown": "fecha de la separación desconocida",
    "not yet separated": "la separación aún no se había producido",
    "did not know where the child was": "no sabía dónde estaba el niño",
    "knew where the child was": "sabía dónde estaba el niño",
    "whether they knew where the child was is not recorded": (
        "no consta si sabía dónde estaba el niño"
    ),
    "interpreted in %(used)s, not their best language (%(best)s)": (
        "interpretada en %(used)s, no en el idioma que mejor entiende (%(best)s)"
    ),
    "in their best language": "en el idioma que mejor entiende",
    "language not recorded": "no consta el idioma",
    "without counsel": "sin abogado",
    "with counsel": "con abogado",
    "by telephone": "por teléfono",
    "Without due consideration": "Sin debida consideración",
    "Then": "Entonces",
    "Now": "Ahora",
    "Revise the assessment": "Modificar la evaluación",
    "Record the assessment": "Registrar la evaluación",
    "No assessment recorded.": "No hay ninguna evaluación registrada.",
    "No inconsistency between the two accounts.": "No hay incoherencias entre los dos relatos.",
    "Assessments of differences no longer listed (a worksheet was corrected)": (
        "Evaluaciones de diferencias que ya no figuran (se corrigió una hoja de trabajo)"
    ),
    "drafted by": "redactada por",
    "Supervisor": "Oficial supervisor",
    "Draft the determination": "Redactar la determinación",
    "Send to the supervisor": "Enviar al oficial supervisor",
    "Record the review": "Registrar la revisión",
    "Serve the determination": "Notificar la determinación",
    "Issue the Notice to Appear": "Emitir el Aviso de Comparecencia",
    "The person asks for a judge's review": "La persona pide la revisión del juez",
    "Record the declination": "Registrar la negativa",
    "The judge affirmed the negative": "El juez confirmó la determinación negativa",
    "The judge vacated the negative": "El juez anuló la determinación negativa",
    "Log": "Historial",
    "Who": "Quién",
    "From": "De",
    "To": "A",
    "done": "hecho",
    "refused": "rechazado",
    # The PDF summary (interview_pdf.html)
    "Interview and determination summary": "Resumen de la entrevista y la determinación",
    "Confidential: 8 CFR 208.6": "Confidencial: 8 CFR 208.6",
    "Settlement credible fear interview: summary": (
        "Entrevista de miedo creíble del acuerdo: resumen"
    ),
    "Printed": "Impreso el",
    "by": "por",
    "version": "versión",
    "The interview": "La entrevista",
    "Held": "Celebrada",
    "Material facts": "Hechos esenciales",
    "First interview": "Primera entrevista",
    "corrections": "correcciones",
    "Circumstances of the first interview": "Circunstancias de la primera entrevista",
    "%(days)s days separated": "%(days)s días de separación",
    "Difference": "Diferencia",
    "Due consideration": "Debida consideración",
    "None.": "Ninguna.",
    "reviewed by": "revisada por",
    # The review queue (review_queue.html)
    "Drafted determinations waiting for a supervisor, oldest first. A negative arrives only "
    "with every inconsistency assessed.": (
        "Determinaciones redactadas que esperan al oficial supervisor, las más antiguas "
        "primero. Una determinación negativa solo llega con todas las incoherencias evaluadas."
    ),
    "Waiting": "En espera",
    "Drafted by": "Redactada por",
    "Sent": "Enviada",
    "Nothing waiting.": "No hay nada en espera.",
    # A worksheet (worksheet_form.html)
    "Enter the material facts as the first interview's worksheet summary records them. The "
    "date, languages, counsel and separation start from the agencies' records; correct them "
    "if the worksheet says otherwise.": (
        "Registre los hechos esenciales tal como los recoge el resumen de la hoja de trabajo "
        "de la primera entrevista. La fecha, los idiomas, el abogado y la separación parten de "
        "los registros de las agencias; corríjalos si la hoja de trabajo dice otra cosa."
    ),
    "Someone else saved this worksheet meanwhile": (
        "Otra persona guardó esta hoja de trabajo mientras tanto"
    ),
    "%(who)s saved version %(version)s at %(when)s. Your entries are kept in the form and "
    "were not saved. The saved version is shown beside it: compare, then save again if yours "
    "should replace it.": (
        "%(who)s guardó la versión %(version)s el %(when)s. Lo que usted escribió se conserva "
        "en el formulario y no se guardó. La versión guardada se muestra al lado: compare y "
        "vuelva a guardar si lo suyo debe reemplazarla."
    ),
    "Saved now": "Lo guardado ahora",
    "Harms (material facts)": "Daños (hechos esenciales)",
    "Leave the harm blank to remove a row; save to get more empty rows.": (
        "Deje el daño en blanco para quitar una fila; guarde para obtener más filas vacías."
    ),
    "Save the worksheet": "Guardar la hoja de trabajo",
    "Back to the interview": "Volver a la entrevista",
    # Messages (views.py)
    "Choose whose interview to request.": "Elija de quién es la entrevista que solicita.",
    "Interview requested.": "Entrevista solicitada.",
    "Scheduled; counsel of record notified.": (
        "Programada; se avisó al abogado que consta en el expediente."
    ),
    "The interview is marked conducted.": "La entrevista quedó marcada como realizada.",
    "The record of the interview is saved.": "Se guardó el registro de la entrevista.",
    "Determination drafted.": "Determinación redactada.",
    "Sent to the supervisor.": "Enviada al oficial supervisor.",
    "Assessment recorded.": "Evaluación registrada.",
    "Approved.": "Aprobada.",
    "Returned to the officer.": "Devuelta al oficial.",
    "Served.": "Notificada.",
    "The form was incomplete.": "El formulario estaba incompleto.",
    "Recorded.": "Registrado.",
    "The declination is recorded.": "La negativa quedó registrada.",
    "Worksheet saved.": "Hoja de trabajo guardada.",
    # Refusals and bad input (services.py, engine_bridge.py)
    "The interview date is in the future.": "La fecha de la entrevista es futura.",
    "The separation is recorded on the first interview.": (
        "La separación se registra en la primera entrevista."
    ),
    "The separation date is in the future.": "La fecha de la separación es futura.",
    "Unknown protected ground: %(grounds)s.": "Motivo protegido desconocido: %(grounds)s.",
    "At most 50 harms on one worksheet.": "Como máximo 50 daños en una hoja de trabajo.",
    "Harm %(n)d: unknown type.": "Daño %(n)d: tipo desconocido.",
    "Harm %(n)d: unknown date precision.": "Daño %(n)d: precisión de la fecha desconocida.",
    "Harm %(n)d: unknown perpetrator category.": "Daño %(n)d: tipo de agresor desconocido.",
    "Harm %(n)d: the date is in the future.": "Daño %(n)d: la fecha es futura.",
    "Enter the date of both interviews.": "Anote la fecha de las dos entrevistas.",
    "The new interview is dated before the first one.": (
        "La nueva entrevista tiene una fecha anterior a la primera."
    ),
    "a new parent interview": "una nueva entrevista como padre o madre",
    "a child interview": "una entrevista propia como niño o niña",
    "The eligibility rules do not say this person is owed %(what)s.": (
        "Según las reglas de elegibilidad, a esta persona no le corresponde %(what)s."
    ),
    "This person's interview is not actionable yet: the court's approval or an election "
    "to stay is missing (see the person's eligibility).": (
        "La entrevista de esta persona todavía no puede tramitarse: falta la aprobación del "
        "tribunal o la elección de quedarse (vea la elegibilidad de la persona)."
    ),
    "Unknown kind of interview: %(subject)s.": "Tipo de entrevista desconocido: %(subject)s.",
    "This person was merged into another; use that file.": (
        "Esta persona se fusionó con otra; use ese expediente."
    ),
    "This person already has an open interview of this kind.": (
        "Esta persona ya tiene una entrevista abierta de este tipo."
    ),
    "The time needs a time zone.": "La hora necesita una zona horaria.",
    "An interview cannot be scheduled in the past.": (
        "No se puede programar una entrevista en el pasado."
    ),
    "The officer must be an active asylum officer.": (
        "El oficial debe ser un oficial de asilo en servicio."
    ),
    "Say where the interview is held, or that it is by telephone.": (
        "Indique dónde se realiza la entrevista, o que es por teléfono."
    ),
    "Say why the interview is cancelled.": "Indique por qué se cancela la entrevista.",
    "%(state)s is not recorded this way.": "%(state)s no se registra de esta manera.",
    "Unknown counsel presence.": "Presencia del abogado desconocida.",
    "Unknown parent assistance.": "Asistencia del padre o la madre desconocida.",
    "The record of the interview is kept only while it is scheduled.": (
        "El registro de la entrevista solo se lleva mientras está programada."
    ),
    "The worksheets are closed once the determination went to review.": (
        "Las hojas de trabajo se cierran cuando la determinación pasa a revisión."
    ),
    "This worksheet does not exist yet.": "Esta hoja de trabajo todavía no existe.",
    "Choose positive or negative.": "Elija positiva o negativa.",
    "Write the determination's summary.": "Escriba el resumen de la determinación.",
    "Say why the draft goes back.": "Indique por qué se devuelve el borrador.",
    "Write the assessment.": "Escriba la evaluación.",
    "Assessments are closed once the draft went to review.": (
        "Las evaluaciones se cierran cuando el borrador pasa a revisión."
    ),
    "No such inconsistency between the two interviews now.": (
        "Esa incoherencia ya no figura entre las dos entrevistas."
    ),
    # Codes shown as words (labels.py) and the PDF
    "Date precision": "Precisión de la fecha",
    "Contradiction": "Contradicción",
    "Omission: told now, not then": "Omisión: lo cuenta ahora, no entonces",
    "Told then, not now": "Lo contó entonces, no ahora",
    "a harm": "un daño",
    "the kind of harm": "el tipo de daño",
    "the date": "la fecha",
    "the place": "el lugar",
    "who did it": "quién lo hizo",
    "a protected ground": "un motivo protegido",
    "fear of persecution": "miedo a la persecución",
    "fear of torture": "miedo a la tortura",
    "internal relocation": "reubicación interna",
    "state protection": "protección del Estado",
    "may weigh heavily": "puede pesar mucho",
    "may weigh": "puede pesar",
    "minor": "menor",
    "not possible from that state": "no es posible desde ese estado",
    "records missing": "faltan registros",
    "inconsistencies without due consideration": "incoherencias sin debida consideración",
    "does not follow from the determination": "no se sigue de la determinación",
    "before the interview's time": "antes de la hora de la entrevista",
    "separated from the child": "separada o separado del niño",
    "not in their best language": "no en el idioma que mejor entiende",
    "Choose the harm, or clear the row.": "Elija el daño, o vacíe la fila.",
    "No counsel of record could be told of this time (none on record, or no address)": (
        "No se pudo avisar de esta hora a ningún abogado del expediente (no hay ninguno, "
        "o no tiene dirección)"
    ),
    "Unknown state.": "Estado desconocido.",
    "Scheduled, but no counsel of record could be told: see the flag.": (
        "Programada, pero no se pudo avisar a ningún abogado del expediente: vea la alerta."
    ),
    "This person's settlement interview of this kind has already ended.": (
        "La entrevista del acuerdo de este tipo para esta persona ya terminó."
    ),
    "Credible fear was found for a linked parent or child: a Notice to Appear will follow "
    "for this person too": (
        "Se encontró miedo creíble para un padre, una madre o un hijo vinculado: también "
        "habrá un Aviso de Comparecencia para esta persona"
    ),
    "Text as written then": "El texto tal como se escribió entonces",
    "Started from the agencies' records; not yet entered from the worksheet summary, so "
    "nothing is compared with it.": (
        "Iniciada con los registros de las agencias; todavía no se anotó a partir del "
        "resumen de la hoja de trabajo, así que no se compara con nada."
    ),
    "the person's answer on a judge's review": (
        "la respuesta de la persona sobre la revisión por un juez"
    ),
}

PLURALS: dict[str, tuple[str, str]] = {
    "A negative determination goes to the supervisor only once every inconsistency has a "
    "due-consideration assessment; %(count)d still lacks one.": (
        "Una determinación negativa pasa al oficial supervisor solo cuando cada incoherencia "
        "tiene su evaluación de debida consideración; falta %(count)d.",
        "Una determinación negativa pasa al oficial supervisor solo cuando cada incoherencia "
        "tiene su evaluación de debida consideración; faltan %(count)d.",
    ),
    "%(counter)s inconsistency still needs a due-consideration assessment before this "
    "negative can go to the supervisor.": (
        "%(counter)s incoherencia todavía necesita una evaluación de debida consideración "
        "para que esta determinación negativa pueda pasar al oficial supervisor.",
        "%(counter)s incoherencias todavía necesitan una evaluación de debida consideración "
        "para que esta determinación negativa pueda pasar al oficial supervisor.",
    ),
}
