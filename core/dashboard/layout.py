"""Which widgets a member sees, in which order, and the actions that change it.

Every action is a plain form post (no JavaScript needed): move a card up or down,
hide it, show it again, or go back to the default arrangement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..contributions import Widget
from ..extensions import db
from .models import DashboardLayout

ACTIONS = ("up", "down", "hide", "show", "reset")


class LayoutError(ValueError):
    """An unknown action or widget key (a forged form)."""


@dataclass(frozen=True)
class Arranged:
    visible: list[Widget]
    hidden: list[Widget]


def layout_of(user_id: int) -> DashboardLayout | None:
    return db.session.get(DashboardLayout, user_id)


def _hidden(widget: Widget, layout: DashboardLayout | None, stage: str | None) -> bool:
    if layout is not None and widget.key in layout.hidden:
        return True
    if layout is not None and widget.key in layout.shown:
        return False
    return bool(widget.stages) and stage not in widget.stages


def arrange(
    widgets: Iterable[Widget], layout: DashboardLayout | None, stage: str | None
) -> Arranged:
    """The member's order first (keys they placed), then the others by their
    default ``order``; widgets outside the member's stage start hidden."""
    default = sorted(widgets, key=lambda w: (w.order, w.key))
    by_key = {w.key: w for w in default}
    placed = [key for key in (layout.order if layout else []) if key in by_key]
    keys = placed + [w.key for w in default if w.key not in placed]
    ordered = [by_key[key] for key in dict.fromkeys(keys)]
    return Arranged(
        visible=[w for w in ordered if not _hidden(w, layout, stage)],
        hidden=[w for w in ordered if _hidden(w, layout, stage)],
    )


def _swap(keys: list[str], key: str, step: int) -> list[str]:
    index = keys.index(key)
    other = index + step
    if 0 <= other < len(keys):
        keys[index], keys[other] = keys[other], keys[index]
    return keys


def apply(user_id: int, arranged: Arranged, action: str, key: str) -> None:
    """Change the member's arrangement (in the caller's transaction)."""
    if action not in ACTIONS:
        raise LayoutError(action)
    layout = layout_of(user_id)
    if action == "reset":
        if layout is not None:
            db.session.delete(layout)
        return
    visible = [w.key for w in arranged.visible]
    hidden = [w.key for w in arranged.hidden]
    if key not in visible + hidden:
        raise LayoutError(key)
    if layout is None:
        layout = DashboardLayout(user_id=user_id, order=[], hidden=[], shown=[])
        db.session.add(layout)
    if action in ("up", "down"):
        if key not in visible:
            raise LayoutError(key)
        visible = _swap(visible, key, -1 if action == "up" else 1)
    layout.order = visible + hidden
    layout.hidden = _without(layout.hidden, key) + ([key] if action == "hide" else [])
    layout.shown = _without(layout.shown, key) + ([key] if action == "show" else [])


def _without(keys: Sequence[str], key: str) -> list[str]:
    return [k for k in keys if k != key]
