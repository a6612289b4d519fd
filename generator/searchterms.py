"""Search tokens for document numbers.

Full-text search engines cut 石大政办发〔2021〕5号 into pieces and rank it poorly.
Each document page therefore carries, hidden from readers, one ASCII token for its own
number and one for each number it cites. The search page normalizes a query that looks
like a document number (any brackets, full-width digits, spaces, no 号) and computes the
same token in the browser, so the exact document comes first and citing documents next.
The token spells the code's characters as hexadecimal code points, so the browser
needs no dictionary.
"""

from __future__ import annotations

from collections.abc import Iterable

from .docnumber import DocNumber
from .model import Document

OWN = "gzdn"
CITED = "gzct"


def docnumber_token(number: DocNumber, prefix: str = OWN) -> str:
    """``gzdn77f35927653f529e53d1x2021x5`` for 石大政办发〔2021〕5号."""
    code = "".join(f"{ord(char):x}" for char in number.code)
    return f"{prefix}{code}x{number.year}x{number.serial}"


def search_terms_for(doc: Document, cited: Iterable[object]) -> str:
    """Tokens for a document page: its own number, then every number it cites."""
    tokens = []
    if doc.doc_number is not None:
        tokens.append(docnumber_token(doc.doc_number, OWN))
    for ref in cited:
        number = getattr(ref, "number")
        tokens.append(docnumber_token(number, CITED))
    return " ".join(dict.fromkeys(tokens))
