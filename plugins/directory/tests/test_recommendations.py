"""Mentors recommended after an assessment, through the assessment plugin's hook."""

from __future__ import annotations

from types import SimpleNamespace

from tremplin.core.api import db
from tremplin.plugins.directory import experts
from tremplin.plugins.directory.recommendations import expert_recommendations


def result(user_id: int, *weak: str, language: str = "fr") -> SimpleNamespace:
    return SimpleNamespace(user_id=user_id, weak_topics=weak, language=language)


def test_mentors_matching_the_weak_dimensions_are_recommended(app, member_of):
    aminata = member_of("aminata.reco")
    for name, areas, mentoring in (
        ("fatou.finance", ["Financement export", "Garanties bancaires"], True),
        ("omar.douane", ["Douane", "Règlementation"], True),
        ("lea.finance", ["Crédit documentaire"], False),  # not mentoring
    ):
        expert = member_of(name, roles=["Expert"])
        experts.save(
            expert.id,
            {"expertise": areas, "mentoring": mentoring, "visibility": {"profile": "members"}},
        )
    db.session.commit()
    with app.test_request_context():  # the report page asks, inside its request
        found = expert_recommendations(result(aminata.id, "finance", "marketing"))
        both = expert_recommendations(result(aminata.id, "compliance", "finance", language="en"))
    assert [r["dimension"] for r in found] == ["finance"]
    assert "Financement export" in found[0]["text"] and "/fr/directory/experts/" in found[0]["url"]
    assert sorted(r["dimension"] for r in both) == ["compliance", "finance"]
    assert all(r["url"].startswith("/en/") for r in both)
    assert expert_recommendations(result(aminata.id)) == []


def test_the_assessment_hook_reaches_the_directory_by_name(app, member_of):
    aminata = member_of("aminata.hook")
    expert = member_of("fatou.hook", roles=["Expert"])
    experts.save(expert.id, {"expertise": ["Logistique"], "mentoring": True, "visibility": {}})
    db.session.commit()
    with app.test_request_context():
        answers = app.extensions["tremplin"].pm.hook.assessment_recommendations(
            result=result(aminata.id, "logistics")
        )
    assert any(r and r[0]["dimension"] == "logistics" for r in answers)
