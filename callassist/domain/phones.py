"""Phone numbers as people type them. Parsing and formatting are phonenumbers' job."""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_REGION = "IT"
_PHONE_CHARS = re.compile(r"^\+?[\d\s\-./()]+$")


@dataclass(frozen=True)
class PhoneNumber:
    raw: str
    e164: str | None  # None when phonenumbers cannot make sense of it
    search: str  # every digit form of the number, space separated, for fragment search


def looks_like_phone(text: str) -> bool:
    """True for text made only of phone characters with at least five digits."""
    text = text.strip()
    if not text or not _PHONE_CHARS.match(text):
        return False
    return sum(c.isdigit() for c in text) >= 5 and text.isascii()


def parse_phone(raw: str, region: str = DEFAULT_REGION) -> PhoneNumber:
    import phonenumbers  # lazy: keeps start-up free of its metadata tables

    raw = raw.strip()
    digits = "".join(c for c in raw if c.isascii() and c.isdigit())
    e164: str | None = None
    forms: list[str] = []
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_possible_number(number):
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        forms.append(e164.lstrip("+"))
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        forms.append("".join(c for c in national if c.isdigit()))
    if digits:
        forms.append(digits)
    unique = list(dict.fromkeys(f for f in forms if f))
    return PhoneNumber(raw=raw, e164=e164, search=" ".join(unique))


def phone_query_digits(text: str) -> str:
    """The digits to look for when someone types (part of) a number in any format."""
    digits = "".join(c for c in text if c.isascii() and c.isdigit())
    if text.strip().startswith("00"):
        digits = digits[2:]
    return digits


def same_number(text: str | None, raw: str | None, e164: str | None) -> bool:
    """Whether a number as typed or sent by a phone is a stored one (its raw form or E.164)."""
    if not text or not (raw or e164):
        return False
    parsed = parse_phone(text)
    if parsed.e164 and e164:
        return parsed.e164 == e164
    digits = "".join(c for c in text if c.isdigit())
    return digits == "".join(c for c in (raw or "") if c.isdigit())
