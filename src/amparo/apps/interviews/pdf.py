"""HTML to PDF through WeasyPrint: the PDF is the page's own template, printed."""

from __future__ import annotations


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads pango on import, which no other page needs.
    from weasyprint import HTML  # type: ignore[import-untyped]

    # No base URL and no external resources in the template: nothing is fetched.
    document: bytes = HTML(string=html).write_pdf()
    return document
