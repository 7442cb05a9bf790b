"""Customer actions: find as you type, create, update.

Exporting a customer's data and erasing them (a privacy request) live in
``services.customer_privacy``; they are imported here too, so ``customers.erase_customer``
and the rest keep working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ARRAY, Integer, any_, bindparam, func, or_, select

from callassist.domain.phones import looks_like_phone, parse_phone, phone_query_digits
from callassist.domain.search import customer_tokens, escape_like
from callassist.models import Customer, utcnow
from callassist.models.db import Database
from callassist.services.customer_privacy import (  # noqa: F401 (the privacy actions, where callers look)
    ErasureRecord,
    ErasureReport,
    erase_customer,
    erasures_in_file,
    export_customer,
    list_erasures,
    reapply_erasures,
)
from callassist.services.errors import NotFound, ServiceError
from callassist.services.search_backends import search_backend

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
MAX_FIELD = 500


@dataclass(frozen=True)
class CustomerSummary:
    id: int
    name: str
    phone: str | None
    email: str | None
    company: str | None


@dataclass(frozen=True)
class CustomerDetail:
    id: int
    name: str
    phone: str | None
    phone_e164: str | None
    email: str | None
    company: str | None
    pinned_facts: str
    created_at: datetime

    @property
    def display_name(self) -> str:
        return self.name or self.phone or self.email or self.company or f"#{self.id}"


def _summary(c: Customer) -> CustomerSummary:
    return CustomerSummary(c.id, c.name, c.phone, c.email, c.company)


def _detail(c: Customer) -> CustomerDetail:
    return CustomerDetail(
        c.id, c.name, c.phone, c.phone_e164, c.email, c.company, c.pinned_facts, c.created_at
    )


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = "".join(ch for ch in value if ch.isprintable()).strip()
    if len(value) > MAX_FIELD:
        raise ServiceError(f"too long: at most {MAX_FIELD} characters")
    return value or None


# A full-text match with more rows than this is not worth sorting whole: the customers
# are then read in name order (ix_customers_name) until the page is full.
SELECTIVE_MATCH_ROWS = 1000
_PHONE_TEXT = re.compile(r"^\+?[\d\s\-./()]+$")


def find_customers(db: Database, query: str, limit: int = 20) -> list[CustomerSummary]:
    """Customers matching a fragment of name, phone (any format), email or company.

    Best match first: an exact phone match, then names starting with the text, then
    the rest by name. Never raises on odd input; blank text gives no results.
    """
    if not query or not query.strip() or limit <= 0:
        return []
    tokens, by_number = _query_tokens(query)
    if not tokens:
        return []
    exact = parse_phone(query).e164 if looks_like_phone(query) else None
    first = tokens[0]
    matches = search_backend(db).customer_ids(tokens, phone_only=by_number)
    with db.read() as s:
        if not db.is_sqlite and not by_number and exact is None and _may_start_names(tokens):
            # A page of names starting with the text settles most keystrokes at once.
            page = _page_of_names_starting(s, tokens, limit)
            if page is not None:
                return page
        if matches is not None and not db.is_sqlite:
            # The matches fetched once (the trigram lookups are the cost), not once to
            # count them and again to sort them.
            ids = s.scalar(select(func.array_agg(matches.subquery().c.id))) or []
            if len(ids) <= SELECTIVE_MATCH_ROWS:
                return _find_among_matches(s, ids, tokens, first, exact, limit)
        elif matches is not None:
            found = s.execute(
                select(func.count()).select_from(matches.limit(SELECTIVE_MATCH_ROWS + 1).subquery())
            ).scalar()
            if found <= SELECTIVE_MATCH_ROWS:
                return _find_among_matches(s, matches, tokens, first, exact, limit)
        return _find_in_name_order(s, tokens, first, exact, limit, phone_only=by_number)


def _may_start_names(tokens: list[str]) -> bool:
    """Whether a page of names starting with the first word is worth asking for: not
    for part of an email address (names hold no "@" or "."), nor when a later word of
    three letters or more already narrows the matches (the trigram way is quick then,
    and few of them start with the first word)."""
    return not any(c in tokens[0] for c in "@.") and all(len(t) < 3 for t in tokens[1:])


def _page_of_names_starting(s, tokens: list[str], limit: int) -> list[CustomerSummary] | None:
    """The first page of results when at least ``limit`` names start with the first
    word, else None (PostgreSQL, where a match is a substring as in the name-order walk).

    Both ways below put those names first, by name. Here they come from the index of
    lowercased names (migration 0010) alone, and only the page is sorted out of them:
    'ro', 3,275 names of 100,000, in ~2 ms. The subquery is kept apart (OFFSET 0): given
    the ORDER BY … LIMIT, the planner would walk the name index hoping to meet the
    matches early, and 'R…' names lie after every other capital (80 ms). The other words
    are matched without an index (lower(…) LIKE), among those names.
    """
    starts = func.lower(Customer.name).like(f"{escape_like(tokens[0].lower())}%", escape="\\")
    named = (select(Customer.id, Customer.name).where(starts, *(_contains(t) for t in tokens[1:]))
             .offset(0).subquery())
    page = select(named.c.id, named.c.name).order_by(named.c.name, named.c.id).limit(limit).subquery()
    rows = s.execute(
        select(Customer.id, Customer.name, Customer.phone, Customer.email, Customer.company)
        .join(page, page.c.id == Customer.id).order_by(page.c.name, page.c.id)
    ).all()
    return [CustomerSummary(*row) for row in rows] if len(rows) >= limit else None


def _contains(token: str):
    """Any field holds ``token``, case-insensitively, through no index (the trigram
    indexes would turn the page into a bitmap of every match, sorted whole)."""
    pattern = f"%{escape_like(token.lower())}%"
    return or_(
        func.lower(Customer.name).like(pattern, escape="\\"),
        func.lower(Customer.email).like(pattern, escape="\\"),
        func.lower(Customer.company).like(pattern, escape="\\"),
        Customer.phone_search.like(f"%{escape_like(token)}%", escape="\\"),
    )


def _query_tokens(query: str) -> tuple[list[str], bool]:
    """The words to look for, and whether they are the digits of a phone number.

    Typed as a phone number, even the first digits of one ("055-12"), only the digits
    count: the separators are not how the number was stored.
    """
    digits = phone_query_digits(query)
    if len(digits) >= 3 and (looks_like_phone(query) or _PHONE_TEXT.match(query.strip())):
        return [digits], True
    return customer_tokens(query), False


def search_uses_index(query: str) -> bool:
    """Whether find_customers can answer this text from the full-text index.

    Not for text of only one or two characters: then it walks the customers by name,
    which is quick when many match and slow (every customer read, ~0.3 s at 100,000)
    when few do. The window runs those searches off the GUI thread.
    """
    if not query or not query.strip():
        return True  # nothing to search: answered at once
    return any(len(token) >= 3 for token in _query_tokens(query)[0])


def _like_any_field(token: str):
    pattern = f"%{escape_like(token)}%"
    return or_(
        Customer.name.ilike(pattern, escape="\\"),
        Customer.email.ilike(pattern, escape="\\"),
        Customer.company.ilike(pattern, escape="\\"),
        Customer.phone_search.like(pattern, escape="\\"),
    )


def _find_among_matches(s, matches, tokens: list[str], first: str, exact: str | None,
                        limit: int) -> list[CustomerSummary]:
    """Few indexed matches: read them all and sort (cheap below SELECTIVE_MATCH_ROWS).

    ``matches``: a query of their ids, or (PostgreSQL) the ids themselves, sent as one
    array (an IN list of hundreds of parameters cost more to send than to run)."""
    if isinstance(matches, list):
        matched = Customer.id == any_(bindparam("matched", matches, type_=ARRAY(Integer)))
    else:
        matched = Customer.id.in_(matches)
    stmt = select(Customer).where(matched)
    for token in tokens:
        if len(token) < 3:
            stmt = stmt.where(_like_any_field(token))
    starts = f"{escape_like(first)}%"
    order = [Customer.name.ilike(starts, escape="\\").desc(), Customer.name, Customer.id]
    if exact:
        # A bare text("0") here was read by SQLite as "ORDER BY column 0" and failed.
        order.insert(0, (Customer.phone_e164 == exact).desc())
    stmt = stmt.order_by(*order).limit(limit)
    return [_summary(c) for c in s.scalars(stmt)]


def _find_in_name_order(s, tokens: list[str], first: str, exact: str | None,
                        limit: int, *, phone_only: bool = False) -> list[CustomerSummary]:
    """Many matches (or only 1–2 character text): walk the name index, stop when full.

    The same order as _find_among_matches, page by page: the exact phone, then names
    starting with ``first`` (case-insensitive), then the rest, each by name.
    """
    if phone_only:
        conditions = [Customer.phone_search.like(f"%{escape_like(t)}%", escape="\\") for t in tokens]
    else:
        conditions = [_like_any_field(t) for t in tokens]
    starts = Customer.name.ilike(f"{escape_like(first)}%", escape="\\")
    out: list[CustomerSummary] = []
    seen: set[int] = set()

    def take(*where, order=(Customer.name, Customer.id)) -> None:
        if len(out) >= limit:
            return
        stmt = select(Customer).where(*conditions, *where)
        if seen:
            stmt = stmt.where(Customer.id.not_in(seen))
        for c in s.scalars(stmt.order_by(*order).limit(limit - len(out))):
            if c.id not in seen:
                seen.add(c.id)
                out.append(_summary(c))

    if exact:
        take(Customer.phone_e164 == exact)
    # Names starting with the text: the index ranges of both cases of its first letter,
    # merged by name (a range keeps the index order, so each stops early).
    # A case change may be two letters ("ß".upper() == "SS"): only single letters bound
    # a range, and SQLite's ILIKE matches such a letter only as itself anyway.
    initials = dict.fromkeys(c for c in (first[0].upper(), first[0].lower(), first[0]) if len(c) == 1)
    starting: list[Customer] = []
    for initial in initials:
        high = chr(min(ord(initial) + 1, 0x10FFFF))
        stmt = select(Customer).where(
            *conditions, starts, Customer.name >= initial, Customer.name < high
        )
        if seen:
            stmt = stmt.where(Customer.id.not_in(seen))
        starting += s.scalars(stmt.order_by(Customer.name, Customer.id).limit(limit - len(out))).all()
    starting.sort(key=lambda c: (c.name, c.id))
    for c in starting[: limit - len(out)]:
        seen.add(c.id)
        out.append(_summary(c))
    take(~starts)
    return out


def find_customers_by_phone(db: Database, number: str) -> list[CustomerSummary]:
    """Customers whose number is exactly this one, whatever its format."""
    phone = parse_phone(number)
    with db.read() as s:
        if phone.e164:
            stmt = select(Customer).where(Customer.phone_e164 == phone.e164)
        else:
            stmt = select(Customer).where(Customer.phone == phone.raw)
        return [_summary(c) for c in s.scalars(stmt.order_by(Customer.id).limit(50))]


def get_customer(db: Database, customer_id: int) -> CustomerDetail:
    with db.read() as s:
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(f"customer {customer_id} does not exist")
        return _detail(customer)


def create_customer(
    db: Database,
    *,
    name: str = "",
    phone: str | None = None,
    email: str | None = None,
    company: str | None = None,
    pinned_facts: str = "",
    customer_id: int | None = None,
) -> CustomerDetail:
    """``customer_id``: an id the desk reserved beforehand (services.journal.IdPool)."""
    customer = Customer(
        id=customer_id,
        name=_clean_field(name) or "",
        email=_clean_field(email),
        company=_clean_field(company),
        pinned_facts=pinned_facts,
    )
    _set_phone(customer, _clean_field(phone))
    with db.write() as s:
        s.add(customer)
        s.flush()
        return _detail(customer)


def split_new_customer_text(text: str) -> dict[str, str]:
    """What a search text becomes on a new customer: phone, email or name."""
    text = text.strip()
    if looks_like_phone(text):
        return {"phone": text}
    if _EMAIL.match(text):
        return {"email": text}
    return {"name": text}


def create_customer_from_text(db: Database, text: str) -> CustomerDetail:
    """Create a customer from what was typed in the search box."""
    # Checked after cleaning: text of only control characters would make a blank customer.
    if not text.strip() or _clean_field(text) is None:
        raise ServiceError("type a name, a phone number or an email first")
    return create_customer(db, **split_new_customer_text(text))


def _set_phone(customer: Customer, phone: str | None) -> None:
    if phone:
        parsed = parse_phone(phone)
        customer.phone, customer.phone_e164, customer.phone_search = (
            parsed.raw,
            parsed.e164,
            parsed.search,
        )
    else:
        customer.phone, customer.phone_e164, customer.phone_search = None, None, ""


_UNSET = object()


def update_customer(
    db: Database,
    customer_id: int,
    *,
    name=_UNSET,
    phone=_UNSET,
    email=_UNSET,
    company=_UNSET,
    pinned_facts=_UNSET,
) -> CustomerDetail:
    """Change the given fields of a customer (omitted ones stay as they are)."""
    with db.write() as s:
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(f"customer {customer_id} does not exist")
        if name is not _UNSET:
            customer.name = _clean_field(name) or ""
        if phone is not _UNSET:
            _set_phone(customer, _clean_field(phone))
        if email is not _UNSET:
            customer.email = _clean_field(email)
        if company is not _UNSET:
            customer.company = _clean_field(company)
        if pinned_facts is not _UNSET:
            customer.pinned_facts = pinned_facts
        s.flush()
        return _detail(customer)


def new_customer_detail(customer_id: int, *, name: str = "", phone: str | None = None,
                        email: str | None = None, company: str | None = None) -> CustomerDetail:
    """A new customer as create_customer would store it, without the database (team mode:
    made on the desk at once, sent to the server by the journal)."""
    customer = Customer(id=customer_id, name=_clean_field(name) or "", email=_clean_field(email),
                        company=_clean_field(company), pinned_facts="", created_at=utcnow())
    _set_phone(customer, _clean_field(phone))
    return _detail(customer)
