"""What is wrong with a questionnaire definition, in words (import and back-office edit)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from flask_babel import gettext as _

from .definition import LANGUAGES, MAX_QUESTIONS, QUESTION_TYPES

KEY = re.compile(r"^[a-z][a-z0-9_-]{0,59}$")
MAX_JSON_BYTES = 512 * 1024


def load_json(raw: str | bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """The decoded definition and its problems (an empty list when it is valid)."""
    if len(raw) > MAX_JSON_BYTES:
        return None, [_("Le fichier dépasse 512 Ko.")]
    if not raw or not str(raw if isinstance(raw, str) else raw.decode("utf-8", "replace")).strip():
        return None, [_("Le contenu est vide.")]
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        return None, [_("JSON illisible : %(error)s", error=str(exc))]
    if not isinstance(data, dict):
        return None, [_("Le JSON doit être un objet { … }.")]
    errors = validate(data)
    return (data if not errors else None), errors


def validate(data: Mapping[str, Any]) -> list[str]:
    errors: list[str] = []
    _key(data, "key", "", errors)
    _texts(data, "title", "", errors)
    dimensions = data.get("dimensions")
    if not isinstance(dimensions, list) or not dimensions:
        errors.append(_("« dimensions » doit être une liste non vide."))
        dimensions = []
    seen_dims: set[str] = set()
    seen_questions: set[str] = set()
    for where, dim in _objects(dimensions, lambda n: _("dimension %(n)d", n=n), errors):
        _unique(dim, seen_dims, where, errors)
        _texts(dim, "title", where, errors)
        weight = dim.get("weight", 1)
        if not isinstance(weight, int | float) or isinstance(weight, bool) or weight <= 0:
            errors.append(_("%(where)s : le poids doit être un nombre positif.", where=where))
        questions = dim.get("questions")
        if not isinstance(questions, list) or not questions:
            errors.append(_("%(where)s : « questions » doit être une liste non vide.", where=where))
            continue
        for j, question in enumerate(questions, 1):
            _question(
                question, _("%(where)s, question %(n)d", where=where, n=j), seen_questions, errors
            )
    if len(seen_questions) > MAX_QUESTIONS:
        errors.append(_("Au plus %(n)d questions.", n=MAX_QUESTIONS))
    _levels(data.get("levels"), errors)
    _rules(data.get("rules") or [], seen_dims, seen_questions, errors)
    return errors


def _objects(
    items: list[Any], where_of: Callable[[int], str], errors: list[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each item that is an object, with where it stands; the others are reported."""
    for number, item in enumerate(items, 1):
        where = where_of(number)
        if isinstance(item, dict):
            yield where, item
        else:
            errors.append(_("%(where)s : doit être un objet.", where=where))


def _key(obj: Mapping[str, Any], name: str, where: str, errors: list[str]) -> None:
    value = obj.get(name)
    if not isinstance(value, str) or not KEY.match(value):
        errors.append(
            _(
                "%(where)s « %(name)s » : lettres minuscules, chiffres, "
                "« _ » ou « - » (60 au plus).",
                where=where or _("modèle"),
                name=name,
            )
        )


def _unique(obj: Mapping[str, Any], seen: set[str], where: str, errors: list[str]) -> None:
    _key(obj, "key", where, errors)
    key = obj.get("key")
    if isinstance(key, str):
        if key in seen:
            errors.append(_("%(where)s : la clé « %(key)s » est en double.", where=where, key=key))
        seen.add(key)


def _texts(obj: Mapping[str, Any], name: str, where: str, errors: list[str]) -> None:
    value = obj.get(name)
    if not isinstance(value, dict) or any(
        not isinstance(value.get(lang), str) or not value[lang].strip() for lang in LANGUAGES
    ):
        errors.append(
            _(
                "%(where)s : « %(name)s » doit donner un texte en français (fr) "
                "et en anglais (en).",
                where=where or _("modèle"),
                name=name,
            )
        )


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _question(q: Any, where: str, seen: set[str], errors: list[str]) -> None:
    if not isinstance(q, dict):
        errors.append(_("%(where)s : doit être un objet.", where=where))
        return
    _unique(q, seen, where, errors)
    _texts(q, "text", where, errors)
    kind = q.get("type")
    if kind not in QUESTION_TYPES:
        errors.append(
            _(
                "%(where)s : type inconnu (attendu : %(types)s).",
                where=where,
                types=", ".join(QUESTION_TYPES),
            )
        )
    elif kind in ("single", "multiple"):
        options = q.get("options")
        if not isinstance(options, list) or len(options) < 2:
            errors.append(_("%(where)s : au moins deux options.", where=where))
            return
        keys: set[str] = set()
        option_at = lambda n: _("%(where)s, option %(n)d", where=where, n=n)  # noqa: E731
        for at, option in _objects(options, option_at, errors):
            _unique(option, keys, at, errors)
            _texts(option, "label", at, errors)
            if not _number(option.get("points", 0)):
                errors.append(_("%(where)s : « points » doit être un nombre.", where=at))
    elif kind == "scale":
        if not (_number(q.get("min")) and _number(q.get("max")) and q["min"] < q["max"]):
            errors.append(_("%(where)s : « min » doit être inférieur à « max ».", where=where))
        if not _number(q.get("points")) or q["points"] < 0:
            errors.append(_("%(where)s : « points » doit être un nombre positif.", where=where))
    elif kind == "yesno":
        points = q.get("points")
        if not isinstance(points, dict) or not all(_number(points.get(k)) for k in ("yes", "no")):
            errors.append(_("%(where)s : « points » doit donner « yes » et « no ».", where=where))
    else:
        bands = q.get("bands")
        if (
            not isinstance(bands, list)
            or not bands
            or not all(
                isinstance(b, dict) and _number(b.get("from")) and _number(b.get("points"))
                for b in bands
            )
        ):
            errors.append(
                _("%(where)s : « bands » doit lister des paliers {from, points}.", where=where)
            )
        if not (_number(q.get("min", 0)) and _number(q.get("max")) and q.get("min", 0) < q["max"]):
            errors.append(_("%(where)s : « min » doit être inférieur à « max ».", where=where))


def _levels(levels: Any, errors: list[str]) -> None:
    if not isinstance(levels, list) or not levels:
        errors.append(_("« levels » doit être une liste non vide."))
        return
    seen: set[str] = set()
    for where, level in _objects(levels, lambda n: _("niveau %(n)d", n=n), errors):
        _unique(level, seen, where, errors)
        _texts(level, "title", where, errors)
        if not _number(level.get("min")) or not 0 <= level["min"] <= 100:
            errors.append(_("%(where)s : « min » doit être un score entre 0 et 100.", where=where))
    if not any(isinstance(lv, dict) and lv.get("min") == 0 for lv in levels):
        errors.append(_("Un niveau doit commencer à 0."))


def _rules(rules: Any, dims: set[str], questions: set[str], errors: list[str]) -> None:
    if not isinstance(rules, list):
        errors.append(_("« rules » doit être une liste."))
        return
    seen: set[str] = set()
    for where, rule in _objects(rules, lambda n: _("règle %(n)d", n=n), errors):
        _unique(rule, seen, where, errors)
        _texts(rule, "text", where, errors)
        when = rule.get("when")
        if not isinstance(when, dict):
            errors.append(_("%(where)s : « when » doit être un objet.", where=where))
        elif "dimension" in when:
            if when["dimension"] not in dims or not _number(when.get("below")):
                errors.append(
                    _("%(where)s : dimension inconnue ou seuil « below » manquant.", where=where)
                )
        elif "question" in when:
            if when["question"] not in questions or not isinstance(when.get("answer_in"), list):
                errors.append(
                    _("%(where)s : question inconnue ou « answer_in » manquant.", where=where)
                )
        elif "overall" not in when:
            errors.append(
                _("%(where)s : « when » porte sur dimension, question ou overall.", where=where)
            )
        for link in rule.get("links") or []:
            url = link.get("url") if isinstance(link, dict) else None
            if not isinstance(url, str) or not url.startswith(("/", "https://")):
                errors.append(
                    _("%(where)s : un lien doit commencer par / ou https://.", where=where)
                )
