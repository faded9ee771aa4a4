"""A stand-in for another plugin (resources, events...) answering the assessment's
``assessment_recommendations`` hook without importing the assessment plugin."""

from __future__ import annotations

from typing import Any

from tremplin.core.api import hookimpl

SEEN: list[Any] = []


@hookimpl
def assessment_recommendations(result: Any) -> list[dict[str, Any]]:
    SEEN.append(result)
    if "finance" not in result.weak_topics:
        return []
    title = "Guide du financement export" if result.language == "fr" else "Export finance guide"
    return [
        {"text": title, "url": "/fr/resources/financement", "dimension": "finance", "priority": 1},
        {"text": "", "url": "javascript:alert(1)"},  # empty: ignored
    ]


COMPLETED: list[tuple[int, int]] = []


@hookimpl
def assessment_completed(result_id: int, user_id: int) -> None:
    COMPLETED.append((result_id, user_id))
