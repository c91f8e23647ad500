"""Spanish for the accounts app: signing in with a code, pauses, session expiry, the
administrator's page of authenticators (merged by tools/fill_es.py)."""

ES: dict[str, str] = {
    # Models and forms
    "Client address": "Dirección del cliente",
    "Six-digit code": "Código de seis dígitos",
    # The sign-in's messages (signin_views.py)
    "Too many failed sign-in attempts. Sign-in is paused; try again in %(minutes)s minutes.": (
        "Demasiados intentos fallidos de inicio de sesión. El inicio de sesión está en "
        "pausa; inténtelo de nuevo dentro de %(minutes)s minutos."
    ),
    "Your sign-in was not finished in time. Please start again.": (
        "No terminó de iniciar sesión a tiempo. Vuelva a empezar."
    ),
    "That code is not right, or it was used already. Wait for the next code and try again.": (
        "Ese código no es correcto o ya se usó. Espere al siguiente código e inténtelo de nuevo."
    ),
    # Session expiry (core.middleware)
    "Your session has expired. Please sign in again.": (
        "Su sesión ha caducado. Vuelva a iniciar sesión."
    ),
    # The code step
    "Enter your code": "Escriba su código",
    "Open your authenticator app and type the six-digit code it shows for Amparo.": (
        "Abra su aplicación de autenticación y escriba el código de seis dígitos que muestra "
        "para Amparo."
    ),
    "Demo account on a local install: the code now is": (
        "Cuenta de demostración en una instalación local: el código ahora es"
    ),
    "Demo account on a local install: this code was just used; reload the page in a few "
    "seconds for the next one.": (
        "Cuenta de demostración en una instalación local: este código acaba de usarse; "
        "recargue la página en unos segundos para obtener el siguiente."
    ),
    "Verify": "Verificar",
    "Start again": "Volver a empezar",
    # Enrolment
    "Set up two-step sign-in": "Configure el inicio de sesión en dos pasos",
    "Your role signs in with a password and a code from an authenticator app on your "
    "telephone. Add Amparo to the app by typing in this key (or pasting the address "
    "below), then type the six-digit code the app shows.": (
        "Su rol inicia sesión con una contraseña y un código de una aplicación de "
        "autenticación en su teléfono. Agregue Amparo a la aplicación escribiendo esta clave "
        "(o pegando la dirección de abajo) y luego escriba el código de seis dígitos que "
        "muestra la aplicación."
    ),
    "The key is shown only until you confirm a code. Keep it to yourself.": (
        "La clave solo se muestra hasta que confirme un código. No la comparta."
    ),
    "Key": "Clave",
    "Address for the app": "Dirección para la aplicación",
    "Confirm": "Confirmar",
    # The administrator's page (views.py, two_factor_list.html)
    "Two-step sign-in": "Inicio de sesión en dos pasos",
    "These roles sign in with a password and a code from an authenticator app. Resetting "
    "someone's authenticator (a lost or replaced telephone) makes them enrol a new one at "
    "their next sign-in.": (
        "Estos roles inician sesión con una contraseña y un código de una aplicación de "
        "autenticación. Restablecer el autenticador de alguien (un teléfono perdido o "
        "reemplazado) le obliga a registrar uno nuevo en su próximo inicio de sesión."
    ),
    "Role": "Rol",
    "Authenticator": "Autenticador",
    "Reset": "Restablecer",
    "enrolled": "registrado",
    "demo": "demostración",
    "not enrolled": "sin registrar",
    "Nobody yet.": "Todavía nadie.",
    "Say why the authenticator is reset.": "Indique por qué se restablece el autenticador.",
    "%(username)s enrols a new authenticator at their next sign-in.": (
        "%(username)s registrará un autenticador nuevo en su próximo inicio de sesión."
    ),
    "%(username)s had no authenticator.": "%(username)s no tenía autenticador.",
}
