"""Findings of the automated checks: a code, a severity, details, a translated message.

Findings are stored as plain mappings (``code``, ``severity``, ``details`` and, for
external checkers, ``message``) and their message is translated when shown, in the
reader's language. The risk level is the highest severity found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

SEVERITIES = ("info", "medium", "high")
RISK_OF = {"info": "low", "medium": "medium", "high": "high"}

MESSAGES: dict[str, Any] = {
    "unreadable": _l("Le fichier est illisible ou endommagé."),
    "type_mismatch": _l("Le contenu réel (%(actual)s) ne correspond pas au type déclaré."),
    "text_unavailable": _l(
        "Le texte n’a pas pu être vérifié : document scanné ou image, sans texte lisible. "
        "À contrôler à l’œil."
    ),
    "name_found": _l("Le nom de l’entreprise « %(value)s » figure dans le document."),
    "name_missing": _l("Le nom de l’entreprise « %(value)s » ne figure pas dans le document."),
    "other_company": _l("Le document nomme une autre entreprise inscrite : « %(value)s »."),
    "registration_found": _l("Le numéro d’immatriculation %(value)s figure dans le document."),
    "registration_missing": _l(
        "Le numéro d’immatriculation %(value)s ne figure pas dans le document."
    ),
    "registration_unknown": _l(
        "Aucun numéro d’immatriculation déclaré : il n’a pas pu être comparé."
    ),
    "address_found": _l("L’adresse « %(value)s » figure dans le document."),
    "address_missing": _l("L’adresse « %(value)s » ne figure pas dans le document."),
    "reused": _l("Ce même fichier a déjà été envoyé par une autre entreprise (n° %(value)s)."),
    "future_date": _l("Les métadonnées du PDF portent une date future (%(value)s)."),
    "dates_apart": _l(
        "Le PDF a été modifié %(value)s jours après sa création : il a pu être retouché."
    ),
    "editing_tool": _l("Le PDF a été produit ou modifié avec un outil d’édition (%(value)s)."),
    "no_metadata": _l("Le PDF ne porte aucune date de création."),
    "expired": _l(
        "Document trop ancien : daté du %(value)s, il doit avoir moins de %(limit)s jours."
    ),
    "date_unknown": _l("La date du document est inconnue : sa validité n’a pas pu être vérifiée."),
    "date_ok": _l("Document daté du %(value)s : encore valable."),
    "checker_failed": _l("Un vérificateur complémentaire n’a pas répondu (%(value)s)."),
    "pending": _l("Vérification automatique en cours."),
}


@dataclass(frozen=True)
class Finding:
    """One result of a check. ``details`` fill the message's placeholders."""

    code: str
    severity: str
    details: Mapping[str, Any] = field(default_factory=dict)
    message: str = ""  # external checkers' own text, already translated

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "details": {k: str(v)[:300] for k, v in self.details.items()},
            "message": self.message[:1000],
        }


def from_answer(item: Any) -> Finding | None:
    """A finding from a ``verify_document`` answer (a mapping or an object)."""
    get = item.get if isinstance(item, Mapping) else lambda k, d=None: getattr(item, k, d)
    code, severity, message = get("code"), get("severity", "medium"), get("message", "")
    if not code:
        return None
    if severity not in SEVERITIES:
        severity = "medium"
    return Finding(str(code)[:64], severity, {}, str(message or ""))


def risk_of(findings: Iterable[Mapping[str, Any]]) -> str:
    """``"high"`` if any finding is high, ``"medium"`` if any is medium, else ``"low"``."""
    severities = {f.get("severity") for f in findings}
    for severity in ("high", "medium"):
        if severity in severities:
            return RISK_OF[severity]
    return "low"


def worst(risks: Iterable[str]) -> str:
    """The highest of several risk levels (``""`` when none is known yet)."""
    known = [r for r in risks if r in ("low", "medium", "high")]
    return max(known, key=("low", "medium", "high").index) if known else ""


def message(finding: Mapping[str, Any]) -> str:
    """The finding's text in the reader's language."""
    if finding.get("message"):
        return str(finding["message"])
    template = MESSAGES.get(str(finding.get("code")))
    if template is None:
        return str(finding.get("code"))
    details = finding.get("details") or {}
    try:
        return str(template) % dict(details) if details else str(template)
    except (KeyError, TypeError, ValueError):
        return str(template)


def risk_label(risk: str) -> str:
    labels = {"low": _("faible"), "medium": _("moyen"), "high": _("élevé")}
    return str(labels.get(risk, _("à venir")))


def severity_label(severity: str) -> str:
    labels = {"info": _("information"), "medium": _("à vérifier"), "high": _("alerte")}
    return str(labels.get(severity, severity))
