"""Spanish for the returns app (merged by tools/fill_es.py)."""

ES: dict[str, str] = {
    # Roles, organisations and the navigation
    "In-country partner": "Organización aliada en el país",
    "Deported parents": "Padres deportados",
    "Searches": "Búsquedas",
    # The eligibility fact a return records
    "Returned to the United States": "Regreso a los Estados Unidos",
    # Forms (forms.py)
    "Partner organisation": "Organización aliada",
    "What the partner may know": "Lo que la organización aliada puede saber",
    "PDF, PNG or JPEG, at most %(mb)s MB.": "PDF, PNG o JPEG, de %(mb)s MB como máximo.",
    "The file is larger than %(mb)s MB.": "El archivo supera los %(mb)s MB.",
    "Country": "País",
    "Region (department, state)": "Región (departamento, estado)",
    "Town or village": "Pueblo o aldea",
    "Contacts for the search (telephone numbers, relatives, landmarks)": (
        "Contactos para la búsqueda (números de teléfono, familiares, puntos de referencia)"
    ),
    "Next step": "Siguiente paso",
    "Next step on": "Fecha del siguiente paso",
    "Ends on (optional)": "Fecha de vencimiento (opcional)",
    "Scan of the signed consent": "Escaneo del consentimiento firmado",
    "How the parent withdrew it": "Cómo lo retiró el padre o la madre",
    "Why the partner needs to know": "Por qué necesita saberlo la organización aliada",
    "The parent's wish": "La voluntad del padre o la madre",
    "Expressed on": "Fecha en que la expresó",
    "New deadline": "Nuevo plazo",
    "Granted by (agreement, order)": "Prórroga concedida por (acuerdo, orden)",
    "Statement of the parent's case": "Declaración sobre el caso del padre o la madre",
    "What the document is": "Qué documento es",
    "Document": "Documento",
    "Reasons": "Motivos",
    "Travel document (kind and number)": "Documento de viaje (tipo y número)",
    "Travel date": "Fecha del viaje",
    "Port of entry": "Puerto de entrada",
    "The parent joins the child's interview by telephone": (
        "El padre o la madre participa por teléfono en la entrevista del hijo o la hija"
    ),
    "Telephone number, with country code": "Número de teléfono, con el código del país",
    "Title": "Título",
    "Filed on": "Fecha de presentación",
    "Parents (application pending or denied)": "Padres (solicitud pendiente o denegada)",
    "Ruling": "Resolución",
    "Ruled on": "Fecha de la resolución",
    # Stages, wishes, channels and outcomes (models.py)
    "Not yet located": "Aún no localizado",
    "Located, not yet spoken with": "Localizado, aún sin hablar con él o ella",
    "Contacted": "Contactado",
    "Unreachable": "No localizable",
    "Declined": "Declinó",
    "Wishes to reunify in the home country": "Desea reunificarse en el país de origen",
    "Child stays to pursue the child's claim": (
        "El hijo o la hija se queda para seguir con su propia solicitud"
    ),
    "Application being prepared": "Solicitud en preparación",
    "Application presented": "Solicitud presentada",
    "Return approved": "Retorno aprobado",
    "Return denied": "Retorno denegado",
    "Travel arranged": "Viaje organizado",
    "Returned": "Regresó",
    "Reunify with the child in the home country": (
        "Reunificarse con el hijo o la hija en el país de origen"
    ),
    "Leave the child in the United States": "Dejar al hijo o la hija en los Estados Unidos",
    "Apply to return to the United States": "Solicitar el retorno a los Estados Unidos",
    "Messaging (WhatsApp, SMS)": "Mensajería (WhatsApp, SMS)",
    "In-country partner visit": "Visita de la organización aliada en el país",
    "Through the child's sponsor": "A través del patrocinador del hijo o la hija",
    "Located, not spoken with": "Localizado, sin hablar con él o ella",
    "Wrong number": "Número equivocado",
    "Moved away": "Se mudó",
    "The locating sheet: name, date of birth, region, contacts": (
        "La ficha de localización: nombre, fecha de nacimiento, región, contactos"
    ),
    "Where the return case stands and the parent's wish": (
        "La situación del caso de retorno y la voluntad del padre o la madre"
    ),
    "The child's name and whereabouts": "El nombre y el paradero del hijo o la hija",
    "The application and the government's decision": "La solicitud y la decisión del gobierno",
    "Denied": "Denegada",
    "The government": "El gobierno",
    "The court": "El tribunal",
    "Locating sheet given with a search": "Ficha de localización entregada con una búsqueda",
    "Shown on the partner's page": "Mostrado en la página de la organización aliada",
    "Told outside Amparo (call, letter, meeting)": (
        "Comunicado fuera de Amparo (llamada, carta, reunión)"
    ),
    "Pending": "Pendiente",
    "Granted": "Concedida",
    # Refusals and bad input (services.py)
    "Contact attempt recorded.": "Intento de contacto registrado.",
    "This case was changed by someone else since you opened it (version %(now)s, you had %(had)s). Reload it and try again.": (
        "Otra persona modificó este caso desde que usted lo abrió (versión %(now)s; usted "
        "tenía la %(had)s). Recárguelo e inténtelo de nuevo."
    ),
    "This cannot be done while the case is at “%(stage)s”.": (
        "Esto no se puede hacer mientras el caso está en la etapa «%(stage)s»."
    ),
    "This date is in the future.": "Esta fecha es futura.",
    "Choose an in-country partner organisation.": "Elija una organización aliada en el país.",
    "Attach the file.": "Adjunte el archivo.",
    "The file must be a PDF, PNG or JPEG.": "El archivo debe ser PDF, PNG o JPEG.",
    "%(partner)s is already searching for this parent.": (
        "%(partner)s ya está buscando a este padre o esta madre."
    ),
    "This search has already ended.": "Esta búsqueda ya terminó.",
    "Choose how the attempt was made.": "Elija cómo se hizo el intento.",
    "Choose what came of the attempt.": "Elija el resultado del intento.",
    "An attempt cannot be recorded before it happens.": (
        "No se puede registrar un intento antes de que ocurra."
    ),
    "The next step cannot come before the attempt.": (
        "El siguiente paso no puede ser anterior al intento."
    ),
    "The parent was removed on %(day)s; an attempt before that is not a search.": (
        "El padre o la madre fue expulsado el %(day)s; un intento anterior a esa fecha no "
        "forma parte de la búsqueda."
    ),
    "The application is already in: a parent who no longer wants to return withdraws it through counsel.": (
        "La solicitud ya se presentó: si el padre o la madre ya no quiere regresar, la "
        "retira a través de los abogados."
    ),
    "Say why the search stops.": "Indique por qué se detiene la búsqueda.",
    "A parent is called unreachable only after %(needed)s failed attempts; %(failed)s are on record.": (
        "Solo se declara no localizable a un padre o una madre después de %(needed)s "
        "intentos fallidos; constan %(failed)s."
    ),
    "Say why the search starts again.": "Indique por qué se reanuda la búsqueda.",
    "Choose what may be disclosed.": "Elija qué se puede divulgar.",
    "Not something a consent covers: %(names)s.": (
        "Un consentimiento no puede cubrir esto: %(names)s."
    ),
    "A consent must end after the day it was signed.": (
        "Un consentimiento debe vencer después del día en que se firmó."
    ),
    "Consent is given by the parent: record the contact that reached them first.": (
        "El consentimiento lo da el padre o la madre: registre primero el intento de "
        "contacto en que se habló con él o ella."
    ),
    "Say how the parent withdrew consent.": (
        "Indique cómo retiró el consentimiento el padre o la madre."
    ),
    "This consent was already withdrawn.": "Este consentimiento ya fue retirado.",
    "No written consent of the parent on record lets %(partner)s know this (%(what)s). Record the signed consent first.": (
        "No consta ningún consentimiento por escrito del padre o la madre que permita a "
        "%(partner)s saber esto (%(what)s). Registre primero el consentimiento firmado."
    ),
    "Say why the partner needs to know.": "Indique por qué necesita saberlo la organización aliada.",
    "Choose the parent's wish.": "Elija la voluntad del padre o la madre.",
    "The parent was first reached on %(day)s; the wish cannot be earlier.": (
        "Se habló por primera vez con el padre o la madre el %(day)s; la voluntad no puede "
        "tener una fecha anterior."
    ),
    "Say who granted the extension.": "Indique quién concedió la prórroga.",
    "Only an application being prepared has a deadline to extend.": (
        "Solo una solicitud en preparación tiene un plazo que se pueda prorrogar."
    ),
    "The application can be edited only while it is prepared.": (
        "La solicitud solo se puede modificar mientras está en preparación."
    ),
    "Say what the document is.": "Indique qué documento es.",
    "Evidence is attached while the application is prepared.": (
        "Las pruebas se adjuntan mientras la solicitud está en preparación."
    ),
    "the statement": "la declaración",
    "at least one document of evidence": "al menos un documento de prueba",
    "The application is missing %(what)s.": "Falta en la solicitud: %(what)s.",
    " and ": " y ",
    "The deadline to present this application passed on %(day)s; it can go in only with an extension.": (
        "El plazo para presentar esta solicitud venció el %(day)s; solo puede presentarse "
        "con una prórroga."
    ),
    "Choose approved or denied.": "Elija aprobada o denegada.",
    "A decision gives its reasons.": "Una decisión debe indicar sus motivos.",
    "Give the motion's title.": "Indique el título de la moción.",
    "Choose the parents the motion is for.": "Elija los padres a los que se refiere la moción.",
    "%(name)s's application is not pending or denied.": (
        "La solicitud de %(name)s no está pendiente ni denegada."
    ),
    "Choose granted, denied or withdrawn.": "Elija concedida, denegada o retirada.",
    "A ruling cannot come before the motion was filed.": (
        "La resolución no puede ser anterior a la presentación de la moción."
    ),
    "The ruling for this parent is already recorded.": (
        "La resolución sobre este padre o esta madre ya está registrada."
    ),
    "Name the travel document (kind and number).": (
        "Indique el documento de viaje (tipo y número)."
    ),
    "Name the port of entry.": "Indique el puerto de entrada.",
    "Travel cannot come before the approval.": "El viaje no puede ser anterior a la aprobación.",
    "Arrival cannot come before travel.": "La llegada no puede ser anterior al viaje.",
    "Only a returned parent without an interview needs one.": (
        "Solo necesita una entrevista el padre o la madre que regresó y aún no la tiene."
    ),
    "Give a telephone number with its country code.": (
        "Indique un número de teléfono con el código del país."
    ),
    "Telephone participation is arranged once the parent is reached, before travel.": (
        "La participación por teléfono se organiza una vez que se habló con el padre o la "
        "madre, antes del viaje."
    ),
    # A case (case_detail.html)
    "Removed on %(day)s.": "Expulsado el %(day)s.",
    "Person's file": "Expediente de la persona",
    "Why this case": "Por qué este caso",
    "Children": "Hijos",
    "separated": "separación:",
    "whereabouts not on record": "no consta el paradero",
    "A child whose file is in another case (you may not see it).": (
        "Un hijo o una hija cuyo expediente está en otro caso (usted no tiene acceso)."
    ),
    "No child on record.": "No consta ningún hijo ni hija.",
    "Region": "Región",
    "Contacts for the search": "Contactos para la búsqueda",
    "Edit where to look": "Modificar dónde buscar",
    "Partners searching": "Organizaciones aliadas que buscan",
    "since": "desde el",
    "End this search": "Terminar esta búsqueda",
    "A partner is given the locating sheet only (name, date of birth, where to look); the case itself needs the parent's written consent.": (
        "A la organización aliada solo se le entrega la ficha de localización (nombre, "
        "fecha de nacimiento, dónde buscar); el caso en sí requiere el consentimiento por "
        "escrito del padre o la madre."
    ),
    "Contact attempts": "Intentos de contacto",
    "Close the search as unreachable": "Cerrar la búsqueda como no localizable",
    "Consent and disclosures": "Consentimiento y divulgaciones",
    "Nothing of the parent's case goes to a partner without the parent's written consent on record (8 CFR 208.6); every disclosure is logged here.": (
        "Nada del caso del padre o la madre llega a una organización aliada sin que conste "
        "su consentimiento por escrito (8 CFR 208.6); cada divulgación queda registrada aquí."
    ),
    "signed": "firmado el",
    "until": "hasta el",
    "signed form": "formulario firmado",
    "withdrawn": "retirado el",
    "Withdraw": "Retirar",
    "No written consent on record.": "No consta ningún consentimiento por escrito.",
    "Record a written consent": "Registrar un consentimiento por escrito",
    "Disclosure log": "Registro de divulgaciones",
    "consent of": "consentimiento del",
    "Nothing disclosed.": "No se ha divulgado nada.",
    "Log something told to a partner": "Registrar algo comunicado a una organización aliada",
    "Not yet known.": "Todavía no se sabe.",
    "Application to return": "Solicitud de retorno",
    "To be presented by %(day)s": "Debe presentarse a más tardar el %(day)s",
    "extended": "prorrogado",
    "the deadline has passed": "el plazo ha vencido",
    "No evidence attached.": "No hay pruebas adjuntas.",
    "Extend the deadline": "Prorrogar el plazo",
    "Presented on": "Presentada el",
    "Court motions": "Mociones ante el tribunal",
    "Travel and arrival": "Viaje y llegada",
    "New interview": "Nueva entrevista",
    "The new interview could not be asked for yet": (
        "Todavía no se pudo solicitar la nueva entrevista"
    ),
    "Telephone participation in the child's interview": (
        "Participación por teléfono en la entrevista del hijo o la hija"
    ),
    "Not arranged.": "No se ha organizado.",
    "Arrange": "Organizar",
    # The list and the figures (case_list.html, measures.html)
    "Class parents removed without their child: the search for them, their wishes, applications to return, and the return itself.": (
        "Padres de la clase expulsados sin su hijo o hija: su búsqueda, su voluntad, las "
        "solicitudes de retorno y el retorno en sí."
    ),
    "%(cases)s cases: %(located)s located, %(contacted)s contacted, %(applied)s applied, %(approved)s approved, %(returned)s returned.": (
        "%(cases)s casos: %(located)s localizados, %(contacted)s contactados, %(applied)s "
        "con solicitud, %(approved)s aprobados, %(returned)s regresaron."
    ),
    "By country and region": "Por país y región",
    "Find parents to search for": "Encontrar a los padres que hay que buscar",
    "Stage": "Etapa",
    "Any": "Cualquiera",
    "Removed": "Expulsión",
    "No case yet.": "Todavía no hay casos.",
    "Deported parents by country and region": "Padres deportados por país y región",
    "A case counts in every step it ever reached (located, contacted, applied, approved, returned), and as unreachable or declined only while it stands there.": (
        "Un caso se cuenta en cada paso que haya alcanzado (localización, contacto, "
        "solicitud, aprobación, regreso), y como no localizable o declinado solo mientras "
        "permanezca en esa etapa."
    ),
    "Counts from 1 to 10 are shown as <11.": "Las cifras de 1 a 10 se muestran como <11.",
    "unknown": "sin dato",
    "Total": "Total",
    # Court motions (motions.html, motion_detail.html)
    "Record the ruling": "Registrar la resolución",
    "Record a motion for a group of parents": "Registrar una moción para un grupo de padres",
    "Record the motion": "Registrar la moción",
    # The partner's pages (partner_home.html, partner_case.html)
    "Where to look": "Dónde buscar",
    "What the parent's consent lets you know": (
        "Lo que el consentimiento del padre o la madre le permite saber"
    ),
    "No written consent to your organisation is on record: nothing of the parent's case is shown.": (
        "No consta ningún consentimiento por escrito a favor de su organización: no se "
        "muestra nada del caso del padre o la madre."
    ),
    "Wish": "Voluntad",
    "Application presented on": "Solicitud presentada el",
    "Application due by": "Plazo para presentar la solicitud:",
    "No application yet.": "Todavía no hay solicitud.",
    "Each time this page is opened, what it shows is logged as a disclosure to your organisation.": (
        "Cada vez que se abre esta página, lo que muestra queda registrado como una "
        "divulgación a su organización."
    ),
    "Your organisation's attempts": "Intentos de su organización",
    "Record an attempt": "Registrar un intento",
    "Record the attempt": "Registrar el intento",
    "Searches given to your organisation": "Búsquedas encomendadas a su organización",
    "You see where to look for each parent. Anything about a parent's case appears only when the parent has consented in writing to your organisation knowing it.": (
        "Usted ve dónde buscar a cada padre o madre. Cualquier dato del caso aparece solo "
        "cuando el padre o la madre ha dado su consentimiento por escrito para que su "
        "organización lo conozca."
    ),
    "No search yet.": "Todavía no hay búsquedas.",
    # Figures' columns and the steps' buttons and messages (views.py)
    "Located": "Localizado",
    "Applied": "Con solicitud",
    "Save where to look": "Guardar dónde buscar",
    "Ask this partner to search": "Pedir a esta organización aliada que busque",
    "The partner was given the locating sheet (logged).": (
        "Se entregó la ficha de localización a la organización aliada (queda registrado)."
    ),
    "The search was ended.": "Se terminó la búsqueda.",
    "Call the parent unreachable": "Declarar no localizable al padre o la madre",
    "The search is closed as unreachable.": "La búsqueda quedó cerrada como no localizable.",
    "Search again": "Volver a buscar",
    "The search is open again.": "La búsqueda está abierta de nuevo.",
    "Record the written consent": "Registrar el consentimiento por escrito",
    "Consent recorded.": "Consentimiento registrado.",
    "Log the disclosure": "Registrar la divulgación",
    "Disclosure logged.": "Divulgación registrada.",
    "Record the wish": "Registrar la voluntad",
    "The parent's wish is recorded.": "La voluntad del padre o la madre quedó registrada.",
    "Save the statement": "Guardar la declaración",
    "Statement saved.": "Declaración guardada.",
    "Attach": "Adjuntar",
    "Evidence attached.": "Prueba adjuntada.",
    "Present the application": "Presentar la solicitud",
    "The application was presented to the government.": "La solicitud se presentó al gobierno.",
    "The deadline was extended.": "Se prorrogó el plazo.",
    "Record the decision": "Registrar la decisión",
    "Decision recorded.": "Decisión registrada.",
    "Record travel": "Registrar el viaje",
    "Travel recorded.": "Viaje registrado.",
    "Record arrival": "Registrar la llegada",
    "Arrival recorded.": "Llegada registrada.",
    "Ask for the new interview": "Solicitar la nueva entrevista",
    "Done.": "Hecho.",
    "Save telephone participation": "Guardar la participación por teléfono",
    "Consent withdrawn: nothing more is disclosed on it.": (
        "Consentimiento retirado: ya no se divulgará nada con base en él."
    ),
    "%(opened)s new cases opened; %(already)s were already open.": (
        "Se abrieron %(opened)s casos nuevos; %(already)s ya estaban abiertos."
    ),
    "Motion recorded.": "Moción registrada.",
    "Ruling recorded.": "Resolución registrada.",
    "Also taking part": "También participa",
    "%(name)s (parent, outside the United States) joins by telephone: %(number)s, in %(language)s.": "%(name)s (padre o madre, fuera de los Estados Unidos) participa por teléfono: %(number)s, en %(language)s.",
    "Your organisation was given this search on %(day)s; record attempts since.": "Su organización recibió esta búsqueda el %(day)s; registre los intentos desde esa fecha.",
    "The new deadline must be after %(day)s, and not in the past.": "El nuevo plazo debe ser posterior al %(day)s y no estar en el pasado.",
    "The motion cannot be filed before %(name)s's application went in.": "La moción no puede presentarse antes de que se presentara la solicitud de %(name)s.",
    "This parent's file was merged into another; open the case on that file.": "El expediente de este padre o madre se fusionó con otro; abra el caso en ese expediente.",
}

PLURALS: dict[str, tuple[str, str]] = {
    "%(days)s day left": ("queda %(days)s día", "quedan %(days)s días"),
}
