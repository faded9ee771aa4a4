"""The published pages' links, kept per process.

Every portal page lists the published pages in its menu and footer. Reading them
from the database on each request cost a query per page view for data that
changes a few times a year, so each process keeps a snapshot (plain values, no
ORM object) for ``[pages] cache_seconds``:

- a change committed **by this process** (back office, CLI, task) is seen at the
  next request: SQLAlchemy session events mark the snapshot stale on commit;
- a change made elsewhere (another web server, plain SQL) is seen within
  ``cache_seconds`` (30 by default; 0 reads the database on every request).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from tremplin.core import api

from .models import Bilingual, Page

APP_KEY = api.app_cache("tremplin.pages.links")
SESSION_FLAG = "tremplin.pages.changed"
_commits = [0]  # commits that changed pages in this process (a list: mutable from events)
clock = time.monotonic  # tests move time forward through this


@dataclass(frozen=True)
class PageLink(Bilingual):
    """What the menu, footer, sitemap and search hits need of a published page."""

    slug: str
    title_fr: str
    title_en: str
    summary_fr: str
    summary_en: str
    in_menu: bool
    in_footer: bool
    position: int

    @classmethod
    def of(cls, page: Page) -> PageLink:
        return cls(
            page.slug,
            page.title_fr,
            page.title_en or "",
            page.summary_fr or "",
            page.summary_en or "",
            bool(page.in_menu),
            bool(page.in_footer),
            page.position,
        )


def published_links() -> list[PageLink]:
    """The published pages, in menu order, from the snapshot while it is fresh."""
    from .services import published_pages

    seconds = current_app.extensions["tremplin"].config.get("pages", "cache_seconds")
    now = clock()
    held = current_app.extensions.get(APP_KEY)
    if held is not None and held[1] == _commits[0] and now - held[0] < seconds:
        return held[2]  # type: ignore[no-any-return]
    seen = _commits[0]  # read before the query: a commit meanwhile makes the next one reload
    links = [PageLink.of(page) for page in published_pages()]
    current_app.extensions[APP_KEY] = (now, seen, links)
    return links


@event.listens_for(Session, "after_flush")
def _note_page_changes(session: Session, _context: Any) -> None:
    if any(isinstance(obj, Page) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info[SESSION_FLAG] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_page_changes(state: Any) -> None:
    """``update(Page)``, ``delete(Page)``, ``insert(Page)`` statements."""
    if (
        (state.is_update or state.is_delete or state.is_insert)
        and state.bind_mapper is not None
        and state.bind_mapper.class_ is Page
    ):
        state.session.info[SESSION_FLAG] = True


@event.listens_for(Session, "after_commit")
def _pages_committed(session: Session) -> None:
    if session.info.pop(SESSION_FLAG, False):
        _commits[0] += 1


@event.listens_for(Session, "after_rollback")
def _pages_rolled_back(session: Session) -> None:
    session.info.pop(SESSION_FLAG, None)
