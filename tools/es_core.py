"""Spanish for core's shared strings (merged by tools/fill_es.py)."""

ES: dict[str, str] = {
    "Someone else changed this after you opened it. Reload the page to see their "
    "change, then make yours again.": (
        "Otra persona cambió esto después de que usted lo abrió. Vuelva a cargar la página "
        "para ver su cambio y luego haga el suyo de nuevo."
    ),
}
