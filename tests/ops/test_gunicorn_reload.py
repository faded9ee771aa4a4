"""Gunicorn under load survives three graceful reloads (SIGHUP) without a failed request."""

from __future__ import annotations

import http.client
import threading
import time
from pathlib import Path

import pytest

from tremplin.core.ops.local_server import LocalGunicorn, write_config
from tremplin.core.testing import databases
from tremplin.core.testing.fixtures import build_app

pytestmark = pytest.mark.slow

SECRET = "reload-test-secret-" + "k9m8n7" * 8
PATHS = ("/healthz", "/fr/", "/fr/pages/about", "/robots.txt")


@pytest.fixture
def migrated(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = databases.new_database_url(tmp_path)
    app = build_app(tmp_path / "instance", url, migrate_db=True)
    with app.app_context():
        from tremplin.core.extensions import db

        db.session.remove()
        db.engine.dispose()
    yield write_config(tmp_path / "tremplin.toml", tmp_path / "instance", url, SECRET)
    databases.drop_database(url)


def _load(port: int, stop: threading.Event, outcomes: list[tuple[str, object]]) -> None:
    index = 0
    while not stop.is_set():
        path = PATHS[index % len(PATHS)]
        index += 1
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=90)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            outcomes.append((path, response.status))
        except Exception as exc:
            outcomes.append((path, repr(exc)))
        finally:
            conn.close()


def _wait(condition, what: str, timeout: float = 180.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _reload_and_wait(server: LocalGunicorn, round_: int) -> None:
    """HUP, then wait until the master handled it and a full new set of workers runs.

    Waiting matters: CPython folds signals that arrive while the master is busy
    (it waits for old workers during a reload), so back-to-back HUPs can merge.
    """
    old = server.worker_pids()
    server.reload()
    _wait(
        lambda: server.log_path.read_text(errors="replace").count("Hang up") == round_,
        f"reload {round_} to be handled",
    )
    _wait(
        lambda: len(pids := server.worker_pids()) == server.workers and not pids & old,
        f"new workers after reload {round_}",
    )


def test_sighup_reloads_workers_without_dropping_requests(migrated: Path, tmp_path: Path) -> None:
    with LocalGunicorn(migrated, workers=2) as server:
        before = server.worker_pids()
        assert len(before) == 2
        stop, outcomes = threading.Event(), []  # type: ignore[var-annotated]
        threads = [
            threading.Thread(target=_load, args=(server.port, stop, outcomes)) for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        time.sleep(1.0)
        for round_ in range(1, 4):
            _reload_and_wait(server, round_)
        # New workers build the app (every bundled plugin) before answering: keep the
        # load on until the reloaded workers have served a fair number of requests.
        served = len(outcomes)
        _wait(lambda: len(outcomes) >= max(served + 20, 30), "the load on the new workers")
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        after = server.worker_pids()
        log = server.log_path.read_text(errors="replace")
    failed = [o for o in outcomes if o[1] != 200]
    print(f"{len(outcomes)} requests, {len(failed)} failed, workers {before} -> {after}")
    assert len(outcomes) > 20, "the load did not run"
    assert failed == [], f"{len(failed)} failed of {len(outcomes)}: {failed[:5]}"
    assert after and not (after & before), f"workers not replaced: {before} -> {after}"
    assert log.count("Hang up") == 3, log
