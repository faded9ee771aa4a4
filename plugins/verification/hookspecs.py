"""The verification plugin's own hooks: other plugins implement them without importing it.

``verify_document`` is a question (every answer is collected into the findings);
``company_recommended`` is answered first-result-wins; ``company_verification_changed``
is an event, delivered after commit.
"""

from __future__ import annotations

from typing import Any

import pluggy

from tremplin.core.api import eventspec

hookspec = pluggy.HookspecMarker("tremplin")


@hookspec
def verify_document(document: Any, text: str) -> list[Any] | None:
    """Extra findings on one supporting document (an AI or external checker).

    ``document`` is a read-only snapshot with ``id``, ``company_id``, ``doc_type``
    (``"trade_register"``, ``"manager_id"``, ``"financial_statements"``,
    ``"proof_of_address"``), ``filename``, ``content_type``, ``sha256`` and ``data``
    (the bytes); ``text`` is the text extracted from a PDF (empty for an image or a
    scan). Return findings as mappings or objects with ``code``, ``severity``
    (``"info"``, ``"medium"`` or ``"high"``) and ``message`` (already translated
    text), or ``None`` when the checker has nothing to say. Findings of every
    implementation are added to the built-in ones and weigh on the risk level.
    """


@hookspec(firstresult=True)
def company_recommended(company_id: int) -> bool | None:
    """Whether the OIF marked this company "recommandé par l'OIF" (first answer wins)."""


@eventspec
def company_verification_changed(company_id: int, state: str, recommended: bool) -> None:
    """A company's verification state or "recommandé par l'OIF" mark changed.

    ``state`` is ``"unverified"``, ``"pending"``, ``"more_info"``, ``"rejected"``,
    ``"verified"`` or ``"expired"``. Delivered after commit (e.g. to re-index the
    company in the directory)."""
