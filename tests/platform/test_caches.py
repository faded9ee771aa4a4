"""Core's short-lived memories: per request, and for a few seconds per process."""

from __future__ import annotations

from typing import Any

from tremplin.core import caches
from tremplin.core.api import db, kept_for, per_request
from tremplin.core.members.models import Company

CONFIG_OVERRIDES = {"plugins": {"enabled": []}}
calls: list[Any] = []


@per_request
def remembered_in_request(value: int) -> int:
    calls.append(value)
    return value * 2


@kept_for(10.0)
def remembered_for_a_while(value: int) -> int:
    calls.append(value)
    return value * 3


def test_per_request_is_forgotten_on_write_and_unused_outside_get(app):
    calls.clear()
    with app.test_request_context("/fr/"):
        assert [remembered_in_request(2), remembered_in_request(2)] == [4, 4]
        assert remembered_in_request(3) == 6
        assert calls == [2, 3]
        db.session.add(Company(name="Nouvelle SARL", country="SN"))  # the request writes
        remembered_in_request(2)
        assert calls == [2, 3, 2]
        db.session.rollback()
    with app.test_request_context("/fr/", method="POST"):
        remembered_in_request(2)
        remembered_in_request(2)
    assert calls == [2, 3, 2, 2, 2]
    remembered_in_request(2)  # no request at all: a plain call
    assert calls[-1] == 2 and len(calls) == 6


def test_kept_for_lasts_its_seconds_and_not_past_a_commit(app, monkeypatch):
    calls.clear()
    clock = [caches.time.monotonic()]
    monkeypatch.setattr(caches.time, "monotonic", lambda: clock[0])
    assert [remembered_for_a_while(1), remembered_for_a_while(1)] == [3, 3]
    assert calls == [1]
    clock[0] += 9.5
    remembered_for_a_while(1)
    assert calls == [1]
    clock[0] += 1  # past 10 s
    remembered_for_a_while(1)
    assert calls == [1, 1]
    db.session.commit()  # nothing written: kept
    remembered_for_a_while(1)
    assert calls == [1, 1]
    db.session.add(Company(name="Autre SARL", country="MA"))
    db.session.commit()  # this process wrote: forgotten
    remembered_for_a_while(1)
    assert calls == [1, 1, 1]
    db.session.add(Company(name="Annulée SARL", country="MA"))
    db.session.flush()
    db.session.rollback()  # rolled back: nothing to forget
    remembered_for_a_while(1)
    assert calls == [1, 1, 1]


def test_kept_for_is_forgotten_after_a_bulk_update(app):
    calls.clear()
    company = Company(name="Avant SARL", country="SN")
    db.session.add(company)
    db.session.commit()
    remembered_for_a_while(5)
    remembered_for_a_while(5)
    assert calls == [5]
    db.session.execute(db.update(Company).values(city="Dakar"))  # no flush involved
    db.session.commit()
    remembered_for_a_while(5)
    assert calls == [5, 5]
