"""One customer, two desks (team mode): pinned facts edited on both, a customer made twice.

Free text is never decided by whoever wrote last: pinned facts saved from an older text
than the stored one keep both texts (``save_pinned_facts``). Two desks that each created
the caller while the server was away leave two customers with one number: the desk that
sends the second one is told (services.journal), and ``merge_customers`` makes them one,
calls and facts included.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, text, update

from callassist.models import Call, Customer
from callassist.models.db import Database
from callassist.services.customers import CustomerDetail, _detail
from callassist.services.errors import NotFound, ServiceError


@dataclass(frozen=True)
class FactsSaved:
    """The customer after their pinned facts were saved; ``merged``: another desk had
    changed them meanwhile, and both texts were kept."""

    customer: CustomerDetail
    merged: bool


def save_pinned_facts(db: Database, customer_id: int, text: str, *, base: str | None) -> FactsSaved:
    """Save pinned facts edited from ``base`` (the text the editor started from).

    When the stored text is no longer ``base`` (a colleague's desk saved theirs
    meanwhile), nothing is overwritten: both texts are kept (only the new lines of each
    when both grew from ``base``), and ``merged`` says so, for the desk to show it.
    """
    with db.write() as s:
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(f"customer {customer_id} does not exist")
        stored = customer.pinned_facts
        merged = base is not None and stored not in (base, text)
        if not merged:
            customer.pinned_facts = text
        elif text.startswith(stored):  # typed on top of the colleague's text
            customer.pinned_facts = text
            merged = False
        elif text in stored or (base and text.startswith(base) and text[len(base):].strip()
                                and text[len(base):].strip() in stored):
            merged = False  # the stored text holds it already (sent twice, or merged before)
        elif base and stored.startswith(base) and text.startswith(base):
            customer.pinned_facts = stored.rstrip("\n") + "\n" + text[len(base):].lstrip("\n")
        else:
            customer.pinned_facts = f"{stored}\n\n{text}"
        s.flush()
        return FactsSaved(_detail(customer), merged)


def merge_customers(db: Database, keep_id: int, drop_id: int) -> CustomerDetail:
    """Make two customers one: ``drop_id``'s calls move to ``keep_id``, its pinned facts are
    added to the kept ones, its details fill the kept customer's empty ones; then it goes."""
    if keep_id == drop_id:
        raise ServiceError("a customer cannot be merged with itself")
    with db.write() as s:
        keep, drop = s.get(Customer, keep_id), s.get(Customer, drop_id)
        if keep is None or drop is None:
            raise NotFound(f"customer {keep_id if keep is None else drop_id} does not exist")
        s.execute(update(Call).where(Call.customer_id == drop_id).values(customer_id=keep_id))
        # On a team database an operator moves only their own calls (row-level security
        # skips the others without a word): a colleague's call left behind stops the merge.
        if s.scalar(select(func.count()).select_from(Call).where(Call.customer_id == drop_id)):
            raise ServiceError("some of these calls were taken by colleagues: an admin can merge "
                               "these customers")
        facts = drop.pinned_facts.strip()
        if facts and facts not in keep.pinned_facts:
            keep.pinned_facts = f"{keep.pinned_facts}\n\n{drop.pinned_facts}" if keep.pinned_facts.strip() \
                else drop.pinned_facts
        for field in ("name", "phone", "phone_e164", "phone_search", "email", "company"):
            if not getattr(keep, field) and getattr(drop, field):
                setattr(keep, field, getattr(drop, field))
        s.flush()
        if not db.is_sqlite:  # the audit log records the deletion with its reason (migration 0009)
            s.execute(text("SELECT set_config('callassist.reason', :reason, true)"),
                      {"reason": f"merged into customer {keep_id}"})
        s.expire(drop)  # its calls moved: the ORM must not cascade-delete them
        if s.execute(delete(Customer).where(Customer.id == drop_id)).rowcount != 1:
            raise ServiceError("the server did not let this login remove the duplicate customer")
        s.expunge(drop)
        return _detail(keep)
