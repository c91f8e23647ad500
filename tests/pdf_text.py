"""A PDF's text as one line of words (poppler's pdftotext), for asserting on PDFs."""

from __future__ import annotations

import subprocess


def pdf_text(document: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=document, capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())
