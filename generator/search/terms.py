"""Search tokens for document numbers.

Full-text search engines cut 石大政办发〔2021〕5号 into pieces and rank it poorly.
Each document page therefore carries, hidden from readers, one ASCII token for its own
number and one for each number it cites. The search page normalizes a query that looks
like a document number (any brackets, full-width digits, spaces, no 号) and computes the
same token in the browser, so the exact document comes first and citing documents next.
The token spells the code's code points, the year and the serial in hexadecimal
written with the letters a–p (Pagefind splits words where letters meet digits), so
the browser needs no dictionary to compute it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from generator.content.docnumber import DocNumber
from generator.content.model import Document

if TYPE_CHECKING:
    from generator.site.citations import Reference

OWN = "gzdn"
CITED = "gzct"


_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def _letters(value: int) -> str:
    return f"{value:x}".translate(_LETTERS)


def docnumber_token(number: DocNumber, prefix: str = OWN) -> str:
    """``gzdn…xhofxfz`` for 石大政办发〔2021〕5号; the final z keeps one number's token from
    being a prefix of another's (5 → f, 95 → fp)."""
    code = "".join(_letters(ord(char)) for char in number.code)
    return f"{prefix}{code}x{_letters(number.year)}x{_letters(number.serial)}z"


def search_terms_for(doc: Document, cited: Iterable[Reference]) -> str:
    """Tokens for a document page: its own number, then every number it cites."""
    tokens = []
    if doc.doc_number is not None:
        tokens.append(docnumber_token(doc.doc_number, OWN))
    for ref in cited:
        number = ref.number
        tokens.append(docnumber_token(number, CITED))
    return " ".join(dict.fromkeys(tokens))
