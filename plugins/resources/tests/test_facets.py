"""The library's list, totals and facet counts come from core's search layer, on
both backends (whoosh, and PostgreSQL when the test database is PostgreSQL): counts
follow the text and the filters, and items a reader may not open are not counted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from flask import Flask

from tremplin.core.api import db
from tremplin.plugins.resources.services import now

from . import verified
from .fixtures import ENABLED

CONFIG_OVERRIDES = ENABLED
EXTRA_PLUGINS = [verified]  # one cached app for all the plugin's test modules
COUNT = re.compile(r'<label for="f-(\w+)-\d+">([^<]*?) <span class="count">\((\d+)\)</span>')


@pytest.fixture(params=["whoosh", "postgresql"])
def backend(request: pytest.FixtureRequest, app: Flask) -> Iterator[str]:
    name = str(request.param)
    with app.app_context():
        dialect = db.engine.dialect.name
    if name == "postgresql" and dialect != "postgresql":
        pytest.skip("the PostgreSQL search backend needs a PostgreSQL test database")
    app.extensions["search_backend"] = name
    yield name
    app.extensions.pop("search_backend", None)


def counts(html: str) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for facet, label, number in COUNT.findall(html):
        found.setdefault(facet, {})[label.strip()] = int(number)
    return found


def total(html: str) -> int:
    return int(re.search(r'id="results-heading"[^>]*>(\d+) ', html).group(1))


@pytest.fixture
def seeded(backend, make_item):
    make_item("guide-douane-sn", countries="SN", sectors="C14", summary_fr="Formalités de douane")
    make_item("fiche-douane-fr", kind="country_sheet", countries="FR",
              summary_fr="La douane française", title_en="France sheet")  # fmt: skip
    make_item("guide-marketing", countries="FR", summary_fr="Marketing numérique")
    make_item("etude-douane-be", kind="study", countries="BE", access="members",
              summary_fr="Douane belge")  # fmt: skip
    make_item("etude-douane-ca", kind="study", countries="CA", access="verified",
              summary_fr="Douane canadienne")  # fmt: skip
    make_item("mission-douane", countries="SN", access="roles", access_roles="Expert",
              summary_fr="Douane et mission")  # fmt: skip
    make_item("brouillon-douane", state="draft", summary_fr="Douane en brouillon")


def test_counts_follow_the_text_and_the_filters(client, seeded):
    everything = client.get("/fr/resources/").text
    assert counts(everything)["kind"] == {"Guide": 2, "Fiche pays": 1}
    assert total(everything) == 3
    douane = client.get("/fr/resources/?q=douane").text
    assert total(douane) == 2 and "Titre guide-marketing" not in douane
    assert counts(douane)["kind"] == {"Guide": 1, "Fiche pays": 1}
    assert counts(douane)["country"] == {"Sénégal": 1, "France": 1}
    filtered = client.get("/fr/resources/?q=douane&country=SN").text
    assert total(filtered) == 1 and "Titre guide-douane-sn" in filtered
    assert counts(filtered)["kind"] == {"Guide": 1}  # the other facets follow the filter
    assert counts(filtered)["country"] == {"Sénégal": 1, "France": 1}  # its own does not
    english = client.get("/en/resources/?q=douane&language=en").text
    assert total(english) == 1 and counts(english)["kind"] == {"Country sheet": 1}


def test_items_a_reader_may_not_open_are_not_counted(
    client, seeded, make_member, make_user, client_for
):
    assert counts(client.get("/fr/resources/?q=douane").text)["kind"] == {
        "Guide": 1, "Fiche pays": 1,
    }  # fmt: skip
    make_member("membre-facettes")
    member = client_for("membre-facettes").get("/fr/resources/?q=douane").text
    assert counts(member)["kind"] == {"Guide": 1, "Fiche pays": 1, "Étude de marché": 1}
    assert "Titre etude-douane-ca" not in member and "Titre mission-douane" not in member
    make_member("verifie-facettes", verified_company=True)
    checked = client_for("verifie-facettes").get("/fr/resources/?q=douane").text
    assert counts(checked)["kind"]["Étude de marché"] == 2 and counts(checked)["kind"]["Guide"] == 1
    make_user("experte-facettes", roles=["Expert"])
    expert = client_for("experte-facettes").get("/fr/resources/?q=douane").text
    assert counts(expert)["kind"]["Guide"] == 2 and "Titre mission-douane" in expert
    assert counts(expert)["country"]["Sénégal"] == 2
    make_user("redac-facettes", roles=["ContentManager"])
    editor = client_for("redac-facettes").get("/fr/resources/?q=douane").text
    assert total(editor) == 5  # every published item; never the draft
    assert "Titre brouillon-douane" not in editor


def test_the_period_filter_counts_recent_items_only(client, backend, make_item):
    make_item("ancien", updated_at=now() - timedelta(days=400), summary_fr="Douane ancienne")
    make_item("recent", updated_at=now() - timedelta(days=3), summary_fr="Douane récente")
    make_item("cette-annee", updated_at=now() - timedelta(days=60), summary_fr="Douane")
    assert total(client.get("/fr/resources/?q=douane").text) == 3
    month = client.get("/fr/resources/?q=douane&period=30").text
    assert total(month) == 1 and counts(month)["kind"] == {"Guide": 1}
    assert "Titre recent" in month and "Titre ancien" not in month
    year = client.get("/fr/resources/?q=douane&period=365").text
    assert total(year) == 2 and "Titre ancien" not in year


def test_a_chosen_value_without_results_stays_to_be_unticked(client, seeded):
    page = client.get("/fr/resources/?q=marketing&kind=country_sheet").text
    assert total(page) == 0 and counts(page)["kind"] == {"Guide": 1, "Fiche pays": 0}
    assert 'value="country_sheet" checked' in page
