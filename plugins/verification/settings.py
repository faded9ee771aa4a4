"""The ``[verification]`` settings."""

from __future__ import annotations

from typing import Any

from tremplin.core.api import Setting, SettingsSection, positive

from .checks import DOC_TYPES


def _types(value: Any) -> str | None:
    unknown = [v for v in value if v not in DOC_TYPES]
    return f"unknown document types {unknown}; known: {list(DOC_TYPES)}" if unknown else None


def section() -> SettingsSection:
    return SettingsSection(
        "verification",
        "Company verification (documents, checks, review).",
        (
            Setting(
                "required_documents",
                list,
                list(DOC_TYPES),
                "Document types a company must send before review.",
                check=_types,
            ),
            Setting(
                "validity_days",
                int,
                365,
                "Days a verification lasts before the yearly re-verification.",
                check=positive,
            ),
            Setting(
                "reminder_days",
                int,
                30,
                "Days before expiry when members are reminded to renew.",
                check=positive,
            ),
            Setting(
                "trade_register_max_days",
                int,
                92,
                "Oldest accepted trade-register extract, in days.",
                check=positive,
            ),
            Setting(
                "financial_statements_max_days",
                int,
                548,
                "Oldest accepted financial statements, in days (about 18 months).",
                check=positive,
            ),
            Setting(
                "proof_of_address_max_days",
                int,
                92,
                "Oldest accepted proof of address, in days.",
                check=positive,
            ),
            Setting(
                "max_edit_gap_days",
                int,
                30,
                "A PDF modified more than this many days after its creation is flagged.",
                check=positive,
            ),
            Setting(
                "mfa_max_age_minutes",
                int,
                15,
                "Moderators prove their second factor again after this many minutes "
                "before seeing documents.",
                check=positive,
            ),
        ),
    )
