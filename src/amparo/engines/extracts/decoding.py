"""Turning the bytes of a CSV extract into text, whatever encoding it really has.

The contract says UTF-8, but a CSV saved by Excel on Windows is Windows-1252, and
"Peña" must not become "Pe�a" or be refused. Decoding therefore never fails.
"""

from __future__ import annotations

import codecs

__all__ = ["decode_csv_bytes", "decode_text"]

_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _build_cp1252_table() -> str:
    # Python's cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; the WHATWG
    # encoding standard (what browsers and Windows itself do) maps them to the C1
    # controls of the same number. That keeps every byte and never fails.
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


_CP1252_TABLE = _build_cp1252_table()
_FALLBACK_HANDLER = "amparo.extracts.cp1252_fallback"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return codecs.charmap_decode(chunk, "strict", _CP1252_TABLE)[0], error.end


codecs.register_error(_FALLBACK_HANDLER, _cp1252_fallback)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and say how: returns ``(text, encoding)``.

    ``encoding`` is ``"utf-8"``, ``"utf-8-sig"`` (a BOM was present and removed),
    ``"utf-16"`` (a UTF-16 BOM: Excel's "Unicode text" export), or
    ``"windows-1252"`` when the bytes were not valid UTF-8. In that last case only
    the invalid sequences are read as Windows-1252: a file that is UTF-8 except
    for a few hand-edited lines keeps its UTF-8 text intact.
    """
    if data.startswith(_UTF16_BOMS):
        # The BOM tells the byte order; "replace" only for a dangling odd byte
        # or unpaired surrogate, which no real export contains.
        return data.decode("utf-16", errors="replace"), "utf-16"
    encoding = "utf-8"
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
        encoding = "utf-8-sig"
    try:
        return data.decode("utf-8"), encoding
    except UnicodeDecodeError:
        return data.decode("utf-8", errors=_FALLBACK_HANDLER), "windows-1252"


def decode_csv_bytes(data: bytes) -> str:
    """Decode a CSV file's bytes: UTF-8 (with or without BOM), else Windows-1252.

    Never raises: every byte string decodes to some text (see ``decode_text``).
    """
    return decode_text(data)[0]
