"""The automated checks of one document (spec 6.1.3), offline and without the
database: the caller gives the bytes, the declared company data and what the
database knows (same file sent by other companies, other companies' names).

Every document gets at least one finding: a scan without text says that its text
could not be checked, never a silent pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .findings import Finding
from .pdfcheck import PdfFacts, editing_tool, read_pdf
from .textmatch import contains_address, contains_number, contains_phrase, normalise

DOC_TYPES = ("trade_register", "manager_id", "financial_statements", "proof_of_address")
# What each type's text is compared with.
COMPARED = {
    "trade_register": ("name", "registration", "address"),
    "manager_id": (),
    "financial_statements": ("name", "registration"),
    "proof_of_address": ("name", "address"),
}
PDF = "application/pdf"


@dataclass(frozen=True)
class Snapshot:
    """A document as checkers see it (also given to the ``verify_document`` hook)."""

    id: int
    company_id: int
    doc_type: str
    filename: str
    content_type: str
    sha256: str
    data: bytes
    issued_on: datetime | None = None


@dataclass(frozen=True)
class CompanyFacts:
    """What the company declared on its profile."""

    name: str
    registration_number: str = ""
    address: str = ""


@dataclass(frozen=True)
class Context:
    """What the database and the settings add to the checks."""

    now: datetime
    reused_by: Sequence[int] = ()
    other_names: Iterable[tuple[int, str]] = ()
    max_age_days: dict[str, int] = field(default_factory=dict)
    max_edit_gap_days: int = 30


def real_type(data: bytes) -> str:
    """The type the bytes really are (magic numbers), ``""`` when unknown."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return ""


def run(doc: Snapshot, company: CompanyFacts, ctx: Context) -> tuple[list[Finding], str]:
    """Every finding on ``doc`` and the text extracted from it (``""`` if none)."""
    actual = real_type(doc.data)
    if actual != doc.content_type:
        return [Finding("type_mismatch", "high", {"actual": actual or "?"})], ""
    findings: list[Finding] = [Finding("reused", "high", {"value": c}) for c in ctx.reused_by]
    facts = None
    if actual == PDF:
        try:
            facts = read_pdf(doc.data)
        except ValueError:
            return [*findings, Finding("unreadable", "high")], ""
        findings += metadata_findings(facts, ctx)
    text = facts.text if facts else ""
    findings += text_findings(doc.doc_type, text, company, ctx)
    findings += expiry_findings(doc, facts, ctx)
    return findings, text


def text_findings(doc_type: str, text: str, company: CompanyFacts, ctx: Context) -> list[Finding]:
    compared = COMPARED.get(doc_type, ())
    if not normalise(text):
        return [Finding("text_unavailable", "medium")]
    found: list[Finding] = []
    if "name" in compared:
        found += _name_findings(text, company, ctx)
    if "registration" in compared:
        found.append(_registration_finding(text, company.registration_number))
    if "address" in compared and company.address.strip():
        ok = contains_address(text, company.address)
        line = company.address.strip().split("\n")[0]
        found.append(
            Finding(
                "address_found" if ok else "address_missing",
                "info" if ok else "medium",
                {"value": line},
            )
        )
    return found


def _name_findings(text: str, company: CompanyFacts, ctx: Context) -> list[Finding]:
    if contains_phrase(text, company.name):
        return [Finding("name_found", "info", {"value": company.name})]
    found = [Finding("name_missing", "high", {"value": company.name})]
    own = normalise(company.name)
    for _company_id, name in ctx.other_names:
        if len(normalise(name)) >= 4 and normalise(name) != own and contains_phrase(text, name):
            found.append(Finding("other_company", "high", {"value": name}))
            break
    return found


def _registration_finding(text: str, number: str) -> Finding:
    if not number.strip():
        return Finding("registration_unknown", "medium")
    if contains_number(text, number):
        return Finding("registration_found", "info", {"value": number})
    return Finding("registration_missing", "high", {"value": number})


def metadata_findings(facts: PdfFacts, ctx: Context) -> list[Finding]:
    found: list[Finding] = []
    if facts.created is None:
        found.append(Finding("no_metadata", "medium"))
    for moment in (facts.created, facts.modified):
        if moment is not None and moment > ctx.now + timedelta(days=1):
            found.append(Finding("future_date", "high", {"value": moment.date().isoformat()}))
            break
    if facts.created and facts.modified:
        gap = (facts.modified - facts.created).days
        if gap > ctx.max_edit_gap_days:
            found.append(Finding("dates_apart", "medium", {"value": gap}))
    tool = editing_tool(facts)
    if tool:
        found.append(Finding("editing_tool", "medium", {"value": tool}))
    return found


def expiry_findings(doc: Snapshot, facts: PdfFacts | None, ctx: Context) -> list[Finding]:
    limit = ctx.max_age_days.get(doc.doc_type)
    if not limit:
        return []
    dated = doc.issued_on or (facts.created if facts else None)
    if dated is None:
        return [Finding("date_unknown", "medium")]
    details = {"value": dated.date().isoformat(), "limit": limit}
    if ctx.now - dated > timedelta(days=limit):
        return [Finding("expired", "high", details)]
    return [Finding("date_ok", "info", details)]
