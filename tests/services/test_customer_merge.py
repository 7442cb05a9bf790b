"""One customer, two desks: merging a customer created twice keeps every call and fact."""

from __future__ import annotations

import pytest

from callassist.services import calls, customers
from callassist.services.customer_merge import merge_customers
from callassist.services.errors import NotFound, ServiceError


def test_merging_moves_the_calls_and_keeps_both_pinned_facts(db, method):
    version = calls.register_checklist(db, method.checklist)
    op = calls.ensure_operator(db, "Giulia")
    first = customers.create_customer(db, phone="055 1234567", pinned_facts="Ha un cane")
    second = customers.create_customer(db, name="Lucia Ferri", phone="0551234567", email="lucia@example.com",
                                       pinned_facts="Preferisce le email")
    calls.start_call(db, first.id, op.id, version)
    call = calls.start_call(db, second.id, op.id, version)
    calls.save_call_notes(db, call.id, "chiamata sul secondo")

    kept = merge_customers(db, first.id, second.id)

    assert kept.id == first.id
    assert kept.name == "Lucia Ferri" and kept.email == "lucia@example.com"  # empty details filled in
    assert kept.pinned_facts == "Ha un cane\n\nPreferisce le email"
    assert len(calls.customer_history(db, first.id)) == 2
    assert calls.call_notes(db, call.id) == "chiamata sul secondo"
    with pytest.raises(NotFound):
        customers.get_customer(db, second.id)
    assert [c.id for c in customers.find_customers_by_phone(db, "055 1234567")] == [first.id]


def test_a_customer_is_not_merged_with_itself_or_a_missing_one(db):
    one = customers.create_customer(db, name="Uno")
    with pytest.raises(ServiceError):
        merge_customers(db, one.id, one.id)
    with pytest.raises(NotFound):
        merge_customers(db, one.id, one.id + 100)
    assert customers.get_customer(db, one.id).name == "Uno"
