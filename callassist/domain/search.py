"""Turn a person's search text into safe FTS5 queries.

Whatever is typed is searched literally: every term is sent as a quoted FTS5 string,
so quotes, ``*``, ``-``, ``OR``, ``NEAR(``, ``col:x`` and brackets are never syntax.
Supported on purpose: "exact phrases" in double quotes and prefix* at a word's end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 1000  # longer input is cut: nobody types more, and FTS cost grows with it
MAX_TERMS = 16
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    prefix: bool = False


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _clean(text: str) -> str:
    # Control characters (NUL included) mean nothing in a search; drop them.
    return "".join(c if c.isprintable() else " " for c in text)


def parse_terms(text: str) -> list[Term]:
    """Split search text into terms: "quoted phrases", words, and word* prefixes."""
    text = _clean(text[:MAX_QUERY_CHARS])
    terms: list[Term] = []
    parts = text.split('"')
    for index, part in enumerate(parts):
        inside_quotes = index % 2 == 1 and index < len(parts) - 1
        if inside_quotes:
            if _WORD.search(part):
                terms.append(Term(part.strip(), phrase=True))
            continue
        for word in part.split():
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if _WORD.search(word):
                terms.append(Term(word, prefix=prefix))
    return terms[:MAX_TERMS]


def notes_match_query(text: str) -> str | None:
    """An FTS5 MATCH expression for note search, or None when nothing searchable is left."""
    pieces = []
    for term in parse_terms(text):
        pieces.append(_quote(term.text) + ("*" if term.prefix else ""))
    return " ".join(pieces) if pieces else None


def trigram_match_query(tokens: list[str]) -> str | None:
    """A MATCH expression for the trigram customer index (tokens of 3+ characters)."""
    usable = [t for t in tokens if len(t) >= 3]
    return " ".join(_quote(t) for t in usable[:MAX_TERMS]) if usable else None


def customer_tokens(text: str) -> list[str]:
    return _clean(text[:MAX_QUERY_CHARS]).replace('"', " ").split()[:MAX_TERMS]


def escape_like(text: str) -> str:
    """Escape LIKE wildcards; use with ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _tsquery_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def notes_tsquery(text: str) -> str | None:
    """A PostgreSQL ``to_tsquery`` text for note search, or None when nothing is left.

    Every term is a quoted lexeme, so ``&``, ``|``, ``!``, ``<->``, ``:`` and brackets
    are never syntax; a quoted phrase becomes its words in a row (``<->``), and
    prefix* becomes ``:*``. All terms must match, as in FTS5.
    """
    pieces = [_tsquery_quote(term.text) + (":*" if term.prefix else "") for term in parse_terms(text)]
    return " & ".join(pieces) if pieces else None
