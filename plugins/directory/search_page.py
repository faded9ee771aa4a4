"""The directory page's search: the URL's state, the query, facet counts, cards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import url_for
from werkzeug.datastructures import MultiDict

from tremplin.core import api

from . import experts, profiles
from .indexing import COMPANY, EXPERT, split_key, viewer_audience

SORTS = ("relevance", "title", "updated")
MAX_PAGE = 500
FILTERS = {  # URL argument → (facet, types it applies to)
    "country": ("country", (COMPANY, EXPERT)),
    "sector": ("sector", (COMPANY, EXPERT)),
    "section": ("section", (COMPANY, EXPERT)),
    "market": ("markets", (COMPANY,)),
    "export": ("export", (COMPANY,)),
    "verified": ("verified", (COMPANY,)),
    "recommended": ("recommended", (COMPANY,)),
    "tag": ("tags", (COMPANY,)),
    "expertise": ("expertise", (EXPERT,)),
    "mentoring": ("mentoring", (EXPERT,)),
}
FACETS = {
    COMPANY: ("country", "section", "markets", "export", "verified", "recommended", "tags"),
    EXPERT: ("country", "section", "expertise", "mentoring"),
}


@dataclass
class DirectoryState:
    """What the URL asks: text, kind of profile, filters, sort and page."""

    text: str = ""
    kind: str = COMPANY
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> DirectoryState:
        kind = args.get("type", COMPANY)
        kind = kind if kind in (COMPANY, EXPERT) else COMPANY
        sort = args.get("sort", "relevance")
        try:
            page = min(MAX_PAGE, max(1, int(args.get("page", "1"))))
        except ValueError:
            page = 1
        filters: dict[str, list[str]] = {}
        for name, (_facet, types) in FILTERS.items():
            values = [v.strip()[:100] for v in args.getlist(name) if v.strip()][:20]
            if values and kind in types:
                filters[name] = values
        sector = filters.pop("sector", [])
        for code in sector:  # a section code ("C") filters on the section facet
            target = "section" if len(code) == 1 else "sector"
            filters.setdefault(target, []).append(code)
        return cls(
            text=" ".join(args.get("q", "").split())[:200],
            kind=kind,
            filters=filters,
            sort=sort if sort in SORTS else "relevance",
            page=page,
        )

    def args(self, **changes: Any) -> dict[str, Any]:
        """URL arguments of this state with ``changes`` (``None`` removes)."""
        found: dict[str, Any] = {"q": self.text or None, "type": self.kind}
        for name, values in self.filters.items():
            found[name] = list(values)
        if self.sort != "relevance":
            found["sort"] = self.sort
        if self.page > 1:
            found["page"] = self.page
        found.update(changes)
        return {k: v for k, v in found.items() if v not in (None, "", [])}

    def url(self, **changes: Any) -> str:
        return url_for("directory.index", **self.args(**changes))

    def toggled(self, name: str, value: str) -> str:
        """The URL with ``value`` added to (or removed from) filter ``name``, page 1."""
        current = list(self.filters.get(name, []))
        values = [v for v in current if v != value] if value in current else [*current, value]
        return self.url(**{name: values or None, "page": None})


def page_size() -> int:
    return int(api.setting("directory", "page_size"))


def run(state: DirectoryState, member: Any) -> api.SearchPage:
    filters: Mapping[str, list[str]] = {
        FILTERS[name][0]: values for name, values in state.filters.items()
    }
    return api.search_query(
        state.text,
        types=[state.kind],
        filters=filters,
        audiences=(viewer_audience(member),),
        sort=state.sort,
        page=state.page,
        per_page=page_size(),
        facets=FACETS[state.kind],
    )


def cards(state: DirectoryState, found: api.SearchPage) -> list[Any]:
    """The page's profiles in rank order (gone ones left out)."""
    ids = [split_key(key)[0] for type_name, key in found.keys if type_name == state.kind]
    loaded: Mapping[int, Any]
    loaded = profiles.load_many(ids) if state.kind == COMPANY else experts.load_many(ids)
    return [loaded[i] for i in dict.fromkeys(ids) if i in loaded]


def options(
    choices: list[tuple[str, str]], counts: Mapping[str, int], chosen: list[str]
) -> list[tuple[str, str, int, bool]]:
    """Select options for a facet: only values found (with their count) or chosen."""
    return [
        (code, label, counts.get(code, 0), code in chosen)
        for code, label in choices
        if counts.get(code) or code in chosen
    ]
