"""HTML to PDF through WeasyPrint: the PDF is the page's own data, printed."""

from __future__ import annotations


class PdfUnavailable(RuntimeError):
    """WeasyPrint's system libraries (pango) are missing on this machine."""


def html_to_pdf(html: str) -> bytes:
    try:
        # Imported here: WeasyPrint loads pango on import, which no other page needs.
        from weasyprint import HTML  # type: ignore[import-untyped]
    except OSError as missing:
        raise PdfUnavailable(
            "PDFs need Debian's pango libraries: run `make debs` (see the Makefile)"
        ) from missing
    # No base URL and no external resources in the template: nothing is fetched.
    document: bytes = HTML(string=html).write_pdf()
    return document
