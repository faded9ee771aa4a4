"""The search contract, the same tests on both backends (see conftest's ``backend``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tremplin.core import search
from tremplin.core.api import SearchDocument, SearchError, search_audiences, search_query

COMPANIES = [
    SearchDocument(
        "saveurs",
        "Saveurs du Sine",
        "Transformation agro-alimentaire de céréales locales, exportateurs vers l'Europe.",
        language="fr",
        tags=("céréales", "bio"),
        facets={"country": ("SN",), "sector": ("C10",), "markets": ("FR", "CA")},
        updated=datetime(2026, 3, 1, tzinfo=UTC),
    ),
    SearchDocument(
        "madrasa",
        "Madrasa Num",
        "Services de télécoms et formation en ligne pour les écoles.",
        language="fr",
        facets={"country": ("MA",), "sector": ("J61",), "markets": ("SN",)},
        updated=datetime(2026, 5, 1, tzinfo=UTC),
    ),
    SearchDocument(
        "wax",
        "Wax Éthique",
        "Textile équitable, un exportateur de pagnes en coton biologique.",
        language="fr",
        facets={"country": ("CI",), "sector": ("C13",), "markets": ("FR",), "verified": ("yes",)},
        audience="members",
        updated=datetime(2026, 1, 1, tzinfo=UTC),
    ),
    SearchDocument(
        "lagoon",
        "Lagoon Telecoms",
        "Fibre optique and mobile networks: exporters of telecom know-how.",
        language="en",
        facets={"country": ("CI",), "sector": ("J61",)},
        audience="verified",
    ),
]
EVERYONE = ("public", "members", "verified")
# Documents of a "company" type no plugin resolves here (the directory's own
# "company" type has its own tests).
CONFIG_OVERRIDES = {"plugins": {"enabled": ["pages"]}}


@pytest.fixture
def companies(backend: str) -> str:
    for doc in COMPANIES:
        search.index_document("company", doc)
    return backend


def keys(text: str, **options) -> list[str]:  # type: ignore[no-untyped-def]
    options.setdefault("audiences", EVERYONE)
    return [key for _, key in search_query(text, **options).keys]


def test_accents_stems_and_compounds_do_not_matter(companies):
    assert keys("telecoms", language="fr") == ["madrasa"]  # "télécoms" in the text
    assert keys("Télécoms") == ["lagoon", "madrasa"]  # title match first
    assert keys("exportateurs", language="fr", sort="title") == ["saveurs", "wax"]
    assert keys("exportateur", language="fr", sort="title") == ["saveurs", "wax"]
    assert keys("agroalimentaire") == ["saveurs"]
    assert keys("agro-alimentaire") == ["saveurs"]
    assert keys("ethique") == ["wax"]
    assert keys("exporter", language="en") == ["lagoon"]


def test_filters_are_or_within_a_facet_and_and_across_facets(companies):
    assert keys("", filters={"country": ["CI"]}, sort="title") == ["lagoon", "wax"]
    assert keys("", filters={"country": ["CI", "SN"]}, sort="title") == [
        "lagoon",
        "saveurs",
        "wax",
    ]
    assert keys("", filters={"country": ["CI"], "sector": ["C13"]}) == ["wax"]
    assert keys("", filters={"markets": ["FR"], "country": ["SN", "MA"]}) == ["saveurs"]
    assert keys("", filters={"country": ["ZZ"]}) == []
    assert keys("exportateur", filters={"country": ["SN"]}) == ["saveurs"]


def test_facet_counts_follow_the_matching_documents(companies):
    page = search_query("", audiences=EVERYONE, facets=["country", "markets"])
    assert page.total == 4
    assert page.facet_counts == {
        "country": {"SN": 1, "MA": 1, "CI": 2},
        "markets": {"FR": 2, "CA": 1, "SN": 1},
    }
    filtered = search_query("", audiences=EVERYONE, filters={"sector": ["J61"]}, facets=["country"])
    assert filtered.facet_counts == {"country": {"MA": 1, "CI": 1}}


def test_each_audience_sees_only_what_it_may(companies):
    assert keys("", audiences=("public",), sort="title") == ["madrasa", "saveurs"]
    assert keys("", audiences=("public", "members"), sort="title") == [
        "madrasa",
        "saveurs",
        "wax",
    ]
    assert keys("telecoms", audiences=("public",)) == ["madrasa"]
    assert keys("", audiences=()) == []
    assert search_audiences(None) == ("public",)


def test_types_languages_sorting_and_pages(companies):
    search.index_document("page", SearchDocument("about", "Télécoms et Tremplin", "À propos"))
    assert keys("telecoms", types=["page"]) == ["about"]
    assert set(keys("telecoms", types=["company", "page"])) == {"madrasa", "lagoon", "about"}
    assert keys("", types=["company"], language="en") == ["lagoon"]
    assert keys("", types=["company"], sort="updated") == ["madrasa", "saveurs", "wax", "lagoon"]
    first = search_query("", types=["company"], audiences=EVERYONE, per_page=3, sort="title")
    second = search_query(
        "", types=["company"], audiences=EVERYONE, per_page=3, page=2, sort="title"
    )
    assert (first.total, first.pages, len(first.keys)) == (4, 2, 3)
    assert [k for _, k in first.keys + second.keys] == ["lagoon", "madrasa", "saveurs", "wax"]


def test_an_update_replaces_and_a_removal_removes(companies):
    changed = SearchDocument("madrasa", "Madrasa Num", "Cacao et chocolat", language="fr")
    search.index_document("company", changed)
    assert keys("telecoms", language="fr") == []
    assert keys("chocolat") == ["madrasa"]
    assert keys("chocolat", filters={"country": ["MA"]}) == []  # its facets went too
    assert keys("", filters={"country": ["MA"]}) == []
    assert search_query("", audiences=EVERYONE).total == 4  # replaced, not added
    search.remove_document("company", "madrasa")
    assert keys("chocolat") == []
    search.remove_document("company", "never-indexed")  # nothing to remove: no error
    assert search_query("", audiences=EVERYONE).total == 3


@pytest.mark.parametrize(
    "text",
    ['<script>alert("x")</script>', "(((", 'AND OR NOT "', "audience:members", "x" * 5000, "le la"],
)
def test_odd_text_finds_nothing_it_should_not_and_never_fails(companies, text):
    page = search_query(text, audiences=("public",))
    assert ("company", "wax") not in page.keys and ("company", "lagoon") not in page.keys


def test_bad_arguments_are_refused_with_a_clear_error(companies):
    with pytest.raises(SearchError, match="sort"):
        search_query("x", sort="price")
    with pytest.raises(SearchError, match="audience"):
        search_query("x", audiences=("admins",))
    with pytest.raises(SearchError, match="facet"):
        search_query("x", filters={"Country; DROP": ["SN"]})


def test_after_commit_writes_wait_for_the_commit_and_drop_on_rollback(backend):
    from sqlalchemy import text

    from tremplin.core.extensions import db

    doc = SearchDocument("late", "Karité doré", "beurre de karité")
    db.session.execute(text("SELECT 1"))  # a transaction, as a plugin's change opens
    search.index_document("company", doc, after_commit=True)
    assert keys("karite") == []
    db.session.rollback()
    db.session.commit()
    assert keys("karite") == []
    search.index_document("company", doc, after_commit=True)
    db.session.commit()
    assert keys("karite") == ["late"]
    search.remove_document("company", "late", after_commit=True)
    db.session.commit()
    assert keys("karite") == []


def test_reindex_resolves_the_pages_for_display(backend, client):
    assert search.reindex() >= 4
    with client.application.test_request_context("/fr/search"):
        results = search.search("donnees", "fr", signed_in=False)
    assert "/fr/pages/privacy" in [r.hit.url for r in results]
    assert client.get("/fr/search?q=donnees").status_code == 200
