"""Spanish for the elections app (merged by tools/fill_es.py)."""

ES: dict[str, str] = {
    # Models
    "Stay and pursue the settlement procedures": (
        "Quedarse y seguir los procedimientos del acuerdo"
    ),
    "Waive the settlement procedures and be removed as soon as possible": (
        "Renunciar a los procedimientos del acuerdo y ser deportado lo antes posible"
    ),
    "No election returned": "No se devolvió ninguna elección",
    "Elected to stay": "Eligió quedarse",
    "Elected to waive": "Eligió renunciar",
    "Paper form (scan attached)": "Formulario en papel (escaneo adjunto)",
    "Entered directly by class counsel": "Registrada directamente por los abogados de la clase",
    "The member": "El miembro",
    "A parent of the member": "Un padre o una madre del miembro",
    "The member's legal representative": "El representante legal del miembro",
    "Same as on record": "La misma que consta en el registro",
    "Differs from the record": "Distinta de la del registro",
    "None on record": "Ninguna en el registro",
    "Stay": "Quedarse",
    "Waive": "Renunciar",
    # The rules (services and checks)
    "You may not record an election for this person.": (
        "Usted no puede registrar una elección para esta persona."
    ),
    "This file was merged into another person's: record the election on that person's file.": (
        "Este expediente se fusionó con el de otra persona: registre la elección en el "
        "expediente de esa persona."
    ),
    "This person is not a class member (no case on file): an election cannot be recorded "
    "for them.": (
        "Esta persona no es miembro de la clase (no tiene caso en el expediente): no se puede "
        "registrar una elección para ella."
    ),
    "Choose whether the member stays or waives.": "Elija si el miembro se queda o renuncia.",
    "A waiver must be made knowingly and voluntarily: confirm that the member made it so, "
    "or record the election as stay.": (
        "Una renuncia debe hacerse de manera consciente y voluntaria: confirme que el miembro "
        "la hizo así, o registre la elección como quedarse."
    ),
    "Say whether this is a paper form or direct entry.": (
        "Indique si es un formulario en papel o un registro directo."
    ),
    "Only class counsel may enter an election without the paper form: attach the scan of "
    "the signed form.": (
        "Solo los abogados de la clase pueden registrar una elección sin el formulario en "
        "papel: adjunte el escaneo del formulario firmado."
    ),
    "Name the person who read the form to the member.": (
        "Indique el nombre de la persona que leyó el formulario al miembro."
    ),
    "Name the language the form was read in.": "Indique el idioma en que se leyó el formulario.",
    "The form cannot have been read on a future date.": (
        "El formulario no puede haberse leído en una fecha futura."
    ),
    "The form is read to the member before it is signed: it was read on %(read)s and signed "
    "on %(signed)s.": (
        "El formulario se lee al miembro antes de firmarlo: se leyó el %(read)s y se firmó el "
        "%(signed)s."
    ),
    "The form was read in %(read)s but the member's language on record is %(recorded)s: "
    "confirm that the member understands %(read)s.": (
        "El formulario se leyó en %(read)s pero el idioma del miembro en el registro es "
        "%(recorded)s: confirme que el miembro entiende %(read)s."
    ),
    "No language is on record for the member: confirm that the member understands %(read)s.": (
        "No consta ningún idioma del miembro en el registro: confirme que el miembro entiende "
        "%(read)s."
    ),
    "The form cannot have been signed on a future date.": (
        "El formulario no puede haberse firmado en una fecha futura."
    ),
    "Name the person who signed the form.": (
        "Indique el nombre de la persona que firmó el formulario."
    ),
    "Say who signed the form.": "Indique quién firmó el formulario.",
    "The signing date is before the member's date of birth (%(dob)s).": (
        "La fecha de la firma es anterior a la fecha de nacimiento del miembro (%(dob)s)."
    ),
    "The member lacks capacity: a parent or legal representative signs for them, not the member.": (
        "El miembro carece de capacidad: firma por él su padre, su madre o su representante "
        "legal, no el miembro."
    ),
    "The member was %(age)s on the signing date: a parent or legal representative signs for "
    "a member under 14.": (
        "El miembro tenía %(age)s años en la fecha de la firma: por un miembro menor de 14 años "
        "firma su padre, su madre o su representante legal."
    ),
    "The member's date of birth is unknown: either a parent or legal representative signs, "
    "or the signer states that the member is 14 or older.": (
        "Se desconoce la fecha de nacimiento del miembro: o firma su padre, su madre o su "
        "representante legal, o quien firma declara que el miembro tiene 14 años o más."
    ),
    "The member was %(age)s on the signing date and is not recorded as lacking capacity: "
    "the member signs their own form.": (
        "El miembro tenía %(age)s años en la fecha de la firma y no consta que carezca de "
        "capacidad: el miembro firma su propio formulario."
    ),
    "A paper form needs the scan of the signed form.": (
        "Un formulario en papel necesita el escaneo del formulario firmado."
    ),
    "The scan is empty.": "El escaneo está vacío.",
    "The scan must be a PDF, PNG or JPEG file, and this file's content is none of them.": (
        "El escaneo debe ser un archivo PDF, PNG o JPEG, y el contenido de este archivo no es "
        "ninguno de ellos."
    ),
    "The scan is larger than %(megabytes)s MB.": "El escaneo ocupa más de %(megabytes)s MB.",
    # The form
    "The member elects to": "El miembro elige",
    "The member makes this waiver knowingly and voluntarily, understanding that they give "
    "up the settlement procedures.": (
        "El miembro hace esta renuncia de manera consciente y voluntaria, entendiendo que "
        "renuncia a los procedimientos del acuerdo."
    ),
    "Read to the member by (name)": "Leído al miembro por (nombre)",
    "Language it was read in": "Idioma en que se leyó",
    "Date it was read": "Fecha en que se leyó",
    "The member confirmed that they understand this language.": (
        "El miembro confirmó que entiende este idioma."
    ),
    "Date signed": "Fecha de la firma",
    "Signed by": "Firmado por",
    "Name of the person who signed": "Nombre de la persona que firmó",
    "The member lacks capacity to make this election.": (
        "El miembro carece de capacidad para hacer esta elección."
    ),
    "The signer states that the member is 14 or older.": (
        "Quien firma declara que el miembro tiene 14 años o más."
    ),
    "How the election reached you": "Cómo le llegó la elección",
    "Scan of the signed form": "Escaneo del formulario firmado",
    "Note (kept with the election and in the audit log)": (
        "Nota (se guarda con la elección y en el registro de auditoría)"
    ),
    "PDF, PNG or JPEG, at most %(megabytes)s MB. Required for a paper form.": (
        "PDF, PNG o JPEG, de %(megabytes)s MB como máximo. Obligatorio para un formulario en papel."
    ),
    "Record an election": "Registrar una elección",
    "Language on record": "Idioma en el registro",
    "One form per family member, read to the member in a language they understand. The "
    "member signs it, unless they are under %(min_age)s on the signing date or lack "
    "capacity: then a parent or legal representative signs for them. Not returning the form "
    "is not a waiver.": (
        "Un formulario por cada miembro de la familia, leído al miembro en un idioma que "
        "entienda. Lo firma el miembro, salvo que tenga menos de %(min_age)s años en la fecha "
        "de la firma o carezca de capacidad: entonces firma por él su padre, su madre o su "
        "representante legal. No devolver el formulario no es una renuncia."
    ),
    "The election was not recorded": "La elección no se registró",
    "A browser does not keep a chosen file after an error: attach the scan again.": (
        "El navegador no conserva el archivo elegido después de un error: adjunte el escaneo "
        "de nuevo."
    ),
    "The election": "La elección",
    "Required for a waiver.": "Obligatorio para una renuncia.",
    "Reading the form to the member": "Lectura del formulario al miembro",
    "Required when the form was read in another language than the member's language on "
    "record (%(language)s), or when none is on record.": (
        "Obligatorio cuando el formulario se leyó en un idioma distinto del que consta en el "
        "registro para el miembro (%(language)s), o cuando no consta ninguno."
    ),
    "Signature": "Firma",
    "A parent or legal representative then signs.": (
        "Entonces firma su padre, su madre o su representante legal."
    ),
    "The member's date of birth is unknown: when the member signs, the signer must state this.": (
        "Se desconoce la fecha de nacimiento del miembro: si firma el miembro, quien firma "
        "debe declararlo."
    ),
    "The form": "El formulario",
    "Record the election": "Registrar la elección",
    "Cancel": "Cancelar",
    "The election was recorded.": "La elección quedó registrada.",
    # The person page include
    "Election": "Elección",
    "Signed on %(signed_on)s by %(signer)s (%(kind)s).": (
        "Firmada el %(signed_on)s por %(signer)s (%(kind)s)."
    ),
    "Read in %(language)s, not the language on record; the member confirmed they understand it.": (
        "Leída en %(language)s, no en el idioma del registro; el miembro confirmó que lo entiende."
    ),
    "See the election": "Ver la elección",
    "No election returned — this is not a waiver.": (
        "No se devolvió ninguna elección — esto no es una renuncia."
    ),
    "signed on": "firmada el",
    "superseded on": "reemplazada el",
    "Record a new election (it replaces the current one)": (
        "Registrar una nueva elección (reemplaza a la actual)"
    ),
    "Not a class member on record (no case): no election can be recorded.": (
        "No consta como miembro de la clase (sin caso): no se puede registrar ninguna elección."
    ),
    # The detail page
    "Superseded on %(when)s by a later election.": (
        "Reemplazada el %(when)s por una elección posterior."
    ),
    "See the current election": "Ver la elección actual",
    "The member's waiver was attested as made knowingly and voluntarily.": (
        "Se dejó constancia de que el miembro hizo la renuncia de manera consciente y voluntaria."
    ),
    "Read to the member by": "Leído al miembro por",
    "the member confirmed they understand the language it was read in": (
        "el miembro confirmó que entiende el idioma en que se leyó"
    ),
    "Age on the signing date": "Edad en la fecha de la firma",
    "unknown (no date of birth on record)": "desconocida (no consta la fecha de nacimiento)",
    "the signer stated that the member is 14 or older": (
        "quien firmó declaró que el miembro tiene 14 años o más"
    ),
    "Capacity": "Capacidad",
    "Scan": "Escaneo",
    "Download the scan": "Descargar el escaneo",
    "Recorded by": "Registrada por",
    "Routed to class counsel": "Enviada a los abogados de la clase",
    "Not routed: no class counsel holds this case.": (
        "No enviada: ningún abogado de la clase tiene este caso."
    ),
    # The inbox
    "Elections": "Elecciones",
    "Elections routed to your organisation, newest first.": (
        "Elecciones enviadas a su organización, las más recientes primero."
    ),
    "Every election recorded, newest first.": (
        "Todas las elecciones registradas, las más recientes primero."
    ),
    "A member with no election here has not returned the form: that is not a waiver.": (
        "Un miembro sin elección aquí no ha devuelto el formulario: eso no es una renuncia."
    ),
    "Member": "Miembro",
    "Choice": "Elección",
    "Signed on": "Fecha de la firma",
    "Recorded": "Registrada",
    "superseded": "reemplazada",
    "understanding confirmed": "comprensión confirmada",
    "No election yet.": "Todavía no hay elecciones.",
    "Elections listed": "Elecciones en la lista",
    "Earlier elections, superseded": "Elecciones anteriores, reemplazadas",
}
