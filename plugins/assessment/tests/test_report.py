"""The report: recommendations (rules and other plugins), Word document, peers, English."""

from __future__ import annotations

import io

import docx

from tremplin.core.api import db

from ..models import Attempt
from . import recommender
from .fixtures import ENABLED, company_member, logout, take

CONFIG_OVERRIDES = ENABLED
EXTRA_PLUGINS = [recommender]


def test_the_report_lists_rules_then_contributed_recommendations_by_priority(client, member):
    recommender.SEEN.clear()
    attempt_id = take(client, "low")
    page = client.get(f"/fr/assessment/results/{attempt_id}")
    assert page.status_code == 200
    summary = recommender.SEEN[-1]
    assert summary.id == attempt_id and summary.language == "fr"
    assert summary.weak_topics[0] in summary.scores and "finance" in summary.weak_topics
    text = page.text
    plan = text.index("Écrivez un plan export d’une page")
    bank = text.index("Rencontrez votre banque")
    guide = text.index("Guide du financement export")
    logistics = text.index("Demandez des devis à un transitaire")
    assert plan < bank < guide < logistics  # priority 1 rules, then the plugin's, then 3
    assert 'href="/fr/resources/financement"' in text
    assert "javascript:" not in text
    assert "Primo-exportateur" in text and "Écarts à combler" in text


def test_the_word_report_has_the_headings_scores_chart_and_recommendations(client, member):
    attempt_id = take(client, "low")
    response = client.get(f"/fr/assessment/results/{attempt_id}/rapport.docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    document = docx.Document(io.BytesIO(response.data))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[:3] == [
        "Rapport de diagnostic export",
        "Niveau : Primo-exportateur",
        "Scores par thème",
    ]
    assert "Recommandations prioritaires" in headings
    attempt = db.session.get(Attempt, attempt_id)
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["N°", "Thème", "Score / 100"]
    assert rows[1][1] == "Engagement de la direction et stratégie"
    assert rows[1][2] == f"{attempt.scores['strategy']:g}"
    body = "\n".join(p.text for p in document.paragraphs)
    assert f"Score global : {attempt.overall:g} / 100" in body
    assert "Écrivez un plan export d’une page" in body and "Guide du financement export" in body
    assert len(document.inline_shapes) == 1  # the radar chart


def test_the_report_in_english(client, member):
    attempt_id = take(client, "high", lang="en")
    page = client.get(f"/en/assessment/results/{attempt_id}")
    assert "Experienced exporter" in page.text and "Management commitment and strategy" in page.text
    document = docx.Document(
        io.BytesIO(client.get(f"/en/assessment/results/{attempt_id}/rapport.docx").data)
    )
    assert document.paragraphs[0].text == "Export assessment report"
    low = take(client, "low", lang="en")
    page = client.get(f"/en/assessment/results/{low}")
    assert 'href="/en/resources/"' in page.text and 'href="/fr/' not in page.text.split("<main")[1]


def test_peer_averages_show_only_from_five_other_companies(client, make_user, login):
    for n in range(4):
        company_member(make_user, f"peer{n}", f"Peer {n}", "Agroalimentaire", "SN")
        login(f"peer{n}")
        take(client, "high")
        logout(client)
    company_member(make_user, "awa", "Awa SARL", "Agroalimentaire", "SN")
    login("awa")
    mine = take(client, "low")
    page = client.get(f"/fr/assessment/results/{mine}")
    assert "Moyenne des pairs" not in page.text  # only four other companies
    logout(client)
    company_member(make_user, "peer4", "Peer 4", "Agroalimentaire", "SN")
    login("peer4")
    take(client, "high")
    logout(client)
    login("awa")
    page = client.get(f"/fr/assessment/results/{mine}")
    assert "Moyenne des pairs" in page.text
    assert "moyenne anonyme de 5 entreprises comparables" in page.text
    assert "<td>100.0</td>" in page.text  # every peer answered high
    assert "peer0" not in page.text and "Peer 0" not in page.text


def test_dashboard_widget_and_company_level(client, member):
    dashboard = client.get("/fr/dashboard")
    assert "Commencer le diagnostic" in dashboard.text
    attempt_id = take(client, "high")
    dashboard = client.get("/fr/dashboard")
    assert "Niveau : Exportateur confirmé" in dashboard.text
    assert f"/fr/assessment/results/{attempt_id}" in dashboard.text


def test_completion_is_announced_to_other_plugins_after_commit(client, member):
    recommender.COMPLETED.clear()
    attempt_id = take(client, "low")
    assert [(attempt_id, member.id)] == recommender.COMPLETED
