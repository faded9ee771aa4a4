"""KPI aggregation over a year of synthetic activity for 10,000 members.

``.venv/bin/python bench/kpis_aggregation.py`` builds a scratch instance (migrated
SQLite, or ``--database-url``), writes synthetic ``core_activity`` rows (each
member active on a day with probability ``--rate``, a few events per active day,
registrations spread over the year, survey answers with NPS scores), then times:

- the full catch-up (every day of the year aggregated once, as after an install);
- one more day (the nightly task's incremental work);
- the dashboard's figures for the whole year and for one month (p50 of 20 reads),
  which read only ``kpis_daily``.

Target: the dashboard's read stays under 200 ms for a year, whatever the log's size.
Exit status 1 when it does not.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

DASHBOARD_P50_MAX_MS = 200.0
EVENTS = ("account.signed_in", "resources.consulted", "events.registered", "assessment.completed")


def prepare(folder: Path, database_url: str | None) -> object:
    from tremplin.core import migrate
    from tremplin.core.app import create_app
    from tremplin.core.ops.local_server import write_config

    url = database_url or f"sqlite:///{folder / 'bench.db'}"
    config = write_config(
        folder / "bench.toml",
        folder / "instance",
        url,
        "bench-secret-" + "a1B2c3D4" * 6,
        {"plugins": {"enabled": ["pages", "kpis"]}},
    )
    app = create_app(config)
    with app.app_context():
        migrate.upgrade(app)
    return app


def synthetic_rows(members: int, start: date, days: int, rate: float, seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    joined = {user: start + timedelta(days=rng.randrange(days)) for user in range(1, members + 1)}
    for user, day in joined.items():
        moment = datetime.combine(day, datetime.min.time()) + timedelta(hours=9)
        rows.append({"at": moment, "event": "account.signed_up", "user_id": user, "data": {}})
    for offset in range(days):
        day = start + timedelta(days=offset)
        for user in range(1, members + 1):
            if joined[user] > day or rng.random() >= rate:
                continue
            moment = datetime.combine(day, datetime.min.time()) + timedelta(
                hours=rng.randrange(7, 20), minutes=rng.randrange(60)
            )
            for _ in range(rng.randrange(1, 6)):
                moment += timedelta(minutes=rng.randrange(1, 45))
                rows.append(
                    {"at": moment, "event": rng.choice(EVENTS), "user_id": user, "data": {}}
                )
        for _ in range(rng.randrange(0, 8)):
            rows.append(
                {
                    "at": datetime.combine(day, datetime.min.time()) + timedelta(hours=12),
                    "event": "surveys.answered",
                    "user_id": None,
                    "data": {"nps": rng.randrange(11)},
                }
            )
    return rows


def insert(app: object, rows: list[dict]) -> float:
    from sqlalchemy import JSON, Column, DateTime, Integer, MetaData, String, Table

    from tremplin.core.extensions import db

    table = Table(
        "core_activity",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("at", DateTime),
        Column("event", String(64)),
        Column("user_id", Integer),
        Column("data", JSON),
    )
    began = time.perf_counter()
    with app.app_context():  # type: ignore[attr-defined]
        for chunk in range(0, len(rows), 20000):
            db.session.execute(table.insert(), rows[chunk : chunk + 20000])
        db.session.commit()
    return time.perf_counter() - began


def timed_reads(app: object, span: object, runs: int = 20) -> float:
    from tremplin.plugins.kpis.figures import figures

    times = []
    with app.app_context():  # type: ignore[attr-defined]
        for _ in range(runs):
            began = time.perf_counter()
            figures(span)  # type: ignore[arg-type]
            times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--rate", type=float, default=0.08, help="daily activity probability")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    from tremplin.plugins.kpis.aggregation import aggregate_day, catch_up
    from tremplin.plugins.kpis.figures import Range
    from tremplin.plugins.kpis.models import DailyMetric

    start = date(2025, 1, 1)
    last = start + timedelta(days=args.days - 1)
    with tempfile.TemporaryDirectory(prefix="tremplin-kpis-bench-") as scratch:
        app = prepare(Path(scratch), args.database_url)
        began = time.perf_counter()
        rows = synthetic_rows(args.members, start, args.days, args.rate, seed=15)
        print(
            f"synthetic activity: {len(rows):,} rows for {args.members:,} members "
            f"over {args.days} days ({time.perf_counter() - began:.1f} s to generate)"
        )
        print(f"insert: {insert(app, rows):.1f} s")
        from tremplin.core.extensions import db

        with app.app_context():  # type: ignore[attr-defined]
            began = time.perf_counter()
            done = catch_up(since=start, until=last - timedelta(days=1))
            full = time.perf_counter() - began
            began = time.perf_counter()
            aggregate_day(last)
            db.session.commit()
            one = time.perf_counter() - began
            metric_rows = db.session.query(DailyMetric).count()
        print(f"full catch-up: {done} days in {full:.1f} s ({1000 * full / done:.0f} ms a day)")
        print(f"nightly increment (one more day): {1000 * one:.0f} ms")
        print(f"kpis_daily rows for the year: {metric_rows:,}")
        year = timed_reads(app, Range(start, last))
        month = timed_reads(app, Range(last - timedelta(days=29), last))
        print(
            f"dashboard figures, p50: year {year:.1f} ms, month {month:.1f} ms "
            f"(target ≤ {DASHBOARD_P50_MAX_MS:.0f} ms)"
        )
        with app.app_context():  # type: ignore[attr-defined]
            db.session.remove()
            db.engine.dispose()
    return 0 if year <= DASHBOARD_P50_MAX_MS else 1


if __name__ == "__main__":
    sys.exit(main())
