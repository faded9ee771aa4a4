"""Hooks the assessment plugin owns: other plugins answer them without importing it."""

from __future__ import annotations

from typing import Any

import pluggy

from tremplin.core.api import eventspec

hookspec = pluggy.HookspecMarker("tremplin")


@hookspec
def assessment_recommendations(result: Any) -> list[Any] | None:
    """What to recommend to a member after an assessment ``result``.

    ``result`` has ``id``, ``user_id``, ``company_id``, ``language`` (``fr`` or ``en``),
    ``overall`` (0-100), ``level`` (a level key), ``scores`` (dimension key → 0-100 or
    ``None``) and ``weak_topics`` (the dimension keys scoring under 50, weakest first).
    Return mappings (or objects) with ``text`` and optionally ``url``, ``title``,
    ``dimension`` (the key it helps with) and ``priority`` (1 = first, default 3),
    already in ``result.language``; they are shown after the questionnaire's own rules
    of the same priority, and in the Word report.

    ```python
    @hookimpl
    def assessment_recommendations(result):
        return [{"text": g.title, "url": g.url, "dimension": g.topic}
                for g in guides_for(result.weak_topics)]
    ```
    """


@eventspec
def assessment_completed(result_id: int, user_id: int) -> None:
    """A member finished an assessment (delivered after commit)."""
