"""Customer actions: find as you type, create, update, export and erase."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, or_, select, text

from callassist.domain.phones import looks_like_phone, parse_phone, phone_query_digits
from callassist.domain.search import customer_tokens, escape_like, trigram_match_query
from callassist.models import Call, CallNote, Customer
from callassist.models.db import Database
from callassist.services.errors import NotFound, ServiceError, storage_errors

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


def find_customers(db: Database, query: str, limit: int = 20) -> list[CustomerSummary]:
    """Customers matching a fragment of name, phone (any format), email or company.

    Best match first: an exact phone match, then names starting with the text, then
    the rest by name. Never raises on odd input; blank text gives no results.
    """
    if not query or not query.strip():
        return []
    tokens = customer_tokens(query)
    if looks_like_phone(query):
        digits = phone_query_digits(query)
        tokens = [digits] if len(digits) >= 3 else tokens
    if not tokens:
        return []
    exact = parse_phone(query).e164 if looks_like_phone(query) else None
    first = tokens[0]
    with db.read() as s:
        stmt = select(Customer)
        match = trigram_match_query(tokens)
        short = [t for t in tokens if len(t) < 3]
        if match is not None:
            stmt = stmt.where(
                Customer.id.in_(
                    select(text("rowid"))
                    .select_from(text("customers_fts"))
                    .where(text("customers_fts MATCH :match").bindparams(match=match))
                )
            )
        for token in short:
            pattern = f"%{escape_like(token)}%"
            stmt = stmt.where(
                or_(
                    Customer.name.ilike(pattern, escape="\\"),
                    Customer.email.ilike(pattern, escape="\\"),
                    Customer.company.ilike(pattern, escape="\\"),
                    Customer.phone_search.like(pattern, escape="\\"),
                )
            )
        starts = f"{escape_like(first)}%"
        order = [Customer.name.ilike(starts, escape="\\").desc(), Customer.name, Customer.id]
        if exact:
            # A bare text("0") here was read by SQLite as "ORDER BY column 0" and failed.
            order.insert(0, (Customer.phone_e164 == exact).desc())
        stmt = stmt.order_by(*order).limit(limit)
        return [_summary(c) for c in s.scalars(stmt)]


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
) -> CustomerDetail:
    customer = Customer(
        name=_clean_field(name) or "",
        email=_clean_field(email),
        company=_clean_field(company),
        pinned_facts=pinned_facts,
    )
    _set_phone(customer, _clean_field(phone))
    with storage_errors(), db.write() as s:
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
    with storage_errors(), db.write() as s:
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


def export_customer(db: Database, customer_id: int) -> dict:
    """Everything stored about one customer, as plain data (for a privacy request)."""
    with db.read() as s:
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(f"customer {customer_id} does not exist")
        calls = s.scalars(
            select(Call).where(Call.customer_id == customer_id).order_by(Call.started_at)
        ).all()
        notes = {
            n.call_id: n.text
            for n in s.scalars(select(CallNote).where(CallNote.call_id.in_([c.id for c in calls])))
        }
        return {
            "customer": {
                "id": customer.id,
                "name": customer.name,
                "phone": customer.phone,
                "phone_e164": customer.phone_e164,
                "email": customer.email,
                "company": customer.company,
                "pinned_facts": customer.pinned_facts,
                "created_at": customer.created_at.isoformat(),
            },
            "calls": [
                {
                    "id": c.id,
                    "started_at": c.started_at.isoformat(),
                    "ended_at": c.ended_at.isoformat() if c.ended_at else None,
                    "outcome": c.outcome,
                    "follow_up_due": c.follow_up_due.isoformat() if c.follow_up_due else None,
                    "notes": notes.get(c.id, ""),
                }
                for c in calls
            ],
        }


def erase_customer(db: Database, customer_id: int) -> None:
    """Delete a customer and everything about them (calls, notes, ticks, feedback)."""
    with storage_errors(), db.write() as s:
        result = s.execute(delete(Customer).where(Customer.id == customer_id))
        if result.rowcount == 0:
            raise NotFound(f"customer {customer_id} does not exist")
