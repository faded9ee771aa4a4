"""Count the SQL statements a block runs: ``with recorded_queries() as sql: ...``.

For tests that keep a page's database work in check (``len(sql) <= 4``, or no
statement on some table), which timings cannot do reliably.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from ..extensions import db


@contextmanager
def recorded_queries() -> Iterator[list[str]]:
    """The statements sent on the current app's engine while the block runs (each
    with its whitespace folded), in order."""
    found: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        found.append(" ".join(statement.split()))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", record)
