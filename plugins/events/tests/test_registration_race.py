"""Two members racing for the last seat, with real connections committed for real
(SQLite and PostgreSQL): exactly one gets it, the other waits; two cancellations at
once promote two members, never the same one twice."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from tremplin.core.api import db
from tremplin.plugins.events import registration as registration_module
from tremplin.plugins.events.models import Event, Registration

from .fixtures import OVERRIDES


def _setup(app: Any, usernames: list[str], capacity: int) -> tuple[int, list[int]]:
    from tremplin.core.accounts import create_user
    from tremplin.core.testing.fixtures import TEST_PASSWORD

    with app.app_context():
        ids = []
        for name in usernames:
            user = create_user(
                name, f"{name}@example.org", name, "Test", TEST_PASSWORD, ["Company"]
            )
            db.session.flush()
            ids.append(user.id)
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
        event = Event(
            kind="workshop", title="Atelier", starts_at=start, ends_at=start + timedelta(hours=2)
        )
        event.capacity = capacity
        db.session.add(event)
        db.session.commit()
        event_id = event.id
        db.session.remove()
    return event_id, ids


def _slow_seat_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """Widen the window between counting the seats and taking one, so that the race
    happens on every run and not only sometimes."""
    original = registration_module.has_seat

    def slow(event: Event) -> bool:
        answer = original(event)
        time.sleep(0.3)
        return answer

    monkeypatch.setattr(registration_module, "has_seat", slow)


def _at_once(app: Any, jobs: list[Callable[[], Any]]) -> list[BaseException]:
    start, errors = threading.Barrier(len(jobs)), []

    def run(job: Callable[[], Any]) -> None:
        with app.app_context():
            start.wait()
            try:
                job()
            except BaseException as error:  # reported by the test
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def _states(app: Any, event_id: int) -> dict[int, str]:
    with app.app_context():
        rows = db.session.scalars(select(Registration).where(Registration.event_id == event_id))
        states = {r.user_id: r.state for r in rows}
        db.session.remove()
    return states


def _register(event_id: int, user_id: int) -> Callable[[], Any]:
    return lambda: registration_module.register(db.session.get(Event, event_id), user_id)


def _cancel(event_id: int, user_id: int) -> Callable[[], Any]:
    def job() -> Any:
        found = registration_module.registration_of(event_id, user_id)
        return registration_module.cancel(found)

    return job


@pytest.mark.fresh_app
def test_two_members_racing_for_the_last_seat_one_gets_it_the_other_waits(
    fresh_app_factory, monkeypatch
):
    app = fresh_app_factory(OVERRIDES)
    event_id, (awa, ahmed) = _setup(app, ["awa", "ahmed"], capacity=1)
    _slow_seat_count(monkeypatch)
    assert _at_once(app, [_register(event_id, awa), _register(event_id, ahmed)]) == []
    assert sorted(_states(app, event_id).values()) == ["confirmed", "waiting"]


@pytest.mark.fresh_app
def test_two_cancellations_at_once_promote_two_members_without_over_booking(
    fresh_app_factory, monkeypatch
):
    app = fresh_app_factory(OVERRIDES)
    event_id, (a1, a2, b, c, d) = _setup(app, ["a1", "a2", "binta", "chloe", "dia"], capacity=2)
    with app.app_context():
        for user_id in (a1, a2, b, c):
            registration_module.register(db.session.get(Event, event_id), user_id)
        db.session.remove()
    _slow_seat_count(monkeypatch)
    jobs = [_cancel(event_id, a1), _cancel(event_id, a2), _register(event_id, d)]
    assert _at_once(app, jobs) == []
    states = _states(app, event_id)
    assert states == {
        a1: "cancelled",
        a2: "cancelled",
        b: "confirmed",
        c: "confirmed",
        d: "waiting",
    }
