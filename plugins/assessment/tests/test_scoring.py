"""The scoring algorithm pinned on hand-computed examples (docs/evaluation-maturite.md).

The small questionnaire below has two dimensions:

- A, weight 2: q1 single choice (a=0, b=2, c=4; max 4), q2 yes/no (yes=3, no=0;
  max 3), q3 scale 1-5 worth 4 points, optional (max 4);
- B, weight 1: q4 multiple choice (x=1, y=1, z=2, capped at 3), q5 number with
  bands 0 → 0, 10 → 2, 50 → 4 (max 4).

Levels: low from 0, mid from 40, high from 75.
"""

from __future__ import annotations

import copy
import json

import pytest

from ..definition import parse
from ..scoring import compare, dimension_score, level_for, question_points, score
from ..services import DEFAULT_MODEL
from ..validation import validate


def _t(word):
    return {"fr": word, "en": word}


DATA = {
    "key": "mini",
    "title": _t("Mini"),
    "dimensions": [
        {
            "key": "a",
            "weight": 2,
            "title": _t("A"),
            "questions": [
                {
                    "key": "q1",
                    "type": "single",
                    "text": _t("q1"),
                    "options": [
                        {"key": "a", "label": _t("a"), "points": 0},
                        {"key": "b", "label": _t("b"), "points": 2},
                        {"key": "c", "label": _t("c"), "points": 4},
                    ],
                },
                {"key": "q2", "type": "yesno", "text": _t("q2"), "points": {"yes": 3, "no": 0}},
                {
                    "key": "q3",
                    "type": "scale",
                    "text": _t("q3"),
                    "min": 1,
                    "max": 5,
                    "points": 4,
                    "required": False,
                },
            ],
        },
        {
            "key": "b",
            "weight": 1,
            "title": _t("B"),
            "questions": [
                {
                    "key": "q4",
                    "type": "multiple",
                    "text": _t("q4"),
                    "max_points": 3,
                    "options": [
                        {"key": "x", "label": _t("x"), "points": 1},
                        {"key": "y", "label": _t("y"), "points": 1},
                        {"key": "z", "label": _t("z"), "points": 2},
                    ],
                },
                {
                    "key": "q5",
                    "type": "number",
                    "text": _t("q5"),
                    "min": 0,
                    "max": 100,
                    "bands": [
                        {"from": 0, "points": 0},
                        {"from": 10, "points": 2},
                        {"from": 50, "points": 4},
                    ],
                },
            ],
        },
    ],
    "levels": [
        {"key": "low", "min": 0, "title": _t("low")},
        {"key": "mid", "min": 40, "title": _t("mid")},
        {"key": "high", "min": 75, "title": _t("high")},
    ],
}
MINI = parse(DATA)


def test_the_mini_questionnaire_is_valid(app):
    with app.test_request_context():
        assert validate(DATA) == []


def test_every_question_answered():
    # A: 2 + 3 + 4*(4-1)/(5-1) = 8 of 11 -> 72.7; B: min(1+2, 3) + 2 = 5 of 7 -> 71.4
    # overall: (2*72.7 + 1*71.4) / 3 = 72.27 -> 72.3, level "mid"
    result = score(MINI, {"q1": "b", "q2": "yes", "q3": 4, "q4": ["x", "z"], "q5": 25})
    assert result.dimensions == {"a": 72.7, "b": 71.4}
    assert (result.overall, result.level) == (72.3, "mid")


def test_a_skipped_optional_question_leaves_the_maximum_too():
    # A without q3: 4 + 0 = 4 of 7 -> 57.1 (not 4 of 11); B: cap 3 of 3 + 4 of 4 -> 100
    # overall: (2*57.1 + 100) / 3 = 71.4
    result = score(MINI, {"q1": "c", "q2": "no", "q4": ["x", "y", "z"], "q5": 50})
    assert result.dimensions == {"a": 57.1, "b": 100.0}
    assert (result.overall, result.level) == (71.4, "mid")


def test_a_dimension_with_no_answer_is_left_out_of_the_overall_score():
    result = score(MINI, {"q1": "c", "q2": "yes", "q3": 5})
    assert result.dimensions == {"a": 100.0, "b": None}
    assert (result.overall, result.level) == (100.0, "high")
    assert score(MINI, {}).overall == 0.0 and score(MINI, {}).level == "low"


def test_question_points_edges():
    q = MINI.questions()
    assert question_points(q["q5"], 9.99) == 0.0  # below the second band
    assert question_points(q["q5"], 10) == 2.0  # a band starts at its "from"
    assert question_points(q["q3"], 1) == 0.0 and question_points(q["q3"], 5) == 4.0
    assert question_points(q["q1"], "unknown") is None
    assert question_points(q["q4"], []) is None
    assert q["q4"].max_points == 3 and q["q3"].max_points == 4


def test_level_thresholds_are_inclusive():
    assert level_for(MINI, 74.9) == "mid"
    assert level_for(MINI, 75.0) == "high"
    assert level_for(MINI, 39.9) == "low"


def test_a_dimension_removed_in_a_later_version():
    """Version 2 drops B and adds C (one yes/no question): a version 1 result keeps its
    B score, comparison is per dimension key, and a missing one has no change."""
    v2 = copy.deepcopy(DATA)
    v2["dimensions"][1] = {
        "key": "c",
        "weight": 1,
        "title": _t("C"),
        "questions": [
            {"key": "q6", "type": "yesno", "text": _t("q6"), "points": {"yes": 2, "no": 0}}
        ],
    }
    answers = {"q1": "b", "q2": "yes", "q3": 4, "q4": ["x", "z"], "q5": 25, "q6": "no"}
    first = score(MINI, answers)
    second = score(parse(v2), answers)
    # v2: A 72.7 (unchanged), C 0 of 2 -> 0; overall (2*72.7 + 0) / 3 = 48.5; B's answers ignored
    assert second.dimensions == {"a": 72.7, "c": 0.0}
    assert (second.overall, second.level) == (48.5, "mid")
    assert compare(first.dimensions, second.dimensions) == [
        ("a", 72.7, 72.7, 0.0),
        ("b", 71.4, None, None),
        ("c", None, 0.0, None),
    ]


def test_dimension_score_rounds_to_one_decimal():
    dim = MINI.dimension("a")
    assert dim is not None
    assert dimension_score(dim, {"q1": "b", "q2": "no"}) == 28.6  # 2 of 7 = 28.571...


@pytest.fixture(scope="module")
def default_definition():
    return json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))


def test_the_default_questionnaire(app, default_definition):
    with app.test_request_context():
        assert validate(default_definition) == []
    definition = parse(default_definition)
    assert len(definition.dimensions) == 10
    assert 38 <= len(definition.questions()) <= 45
    assert {q.type for q in definition.questions().values()} == {
        "single",
        "multiple",
        "scale",
        "yesno",
        "number",
    }
    assert [lv.title["fr"] for lv in definition.levels] == [
        "Primo-exportateur",
        "En préparation",
        "Prêt à exporter",
        "Exportateur confirmé",
    ]
