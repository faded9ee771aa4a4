"""Walk every GET route of an app as several personas and report access mistakes.

::

    personas = make_personas(make_user)                # anonymous, guest, company...
    findings = walk(app, personas, {"note_id": [note.id]})
    assert_no_findings(findings)

A *finding* is a 5xx answer anywhere, or a 200 on a guarded endpoint
(``api.require(..., load=...)`` or ``api.guarded(...)``) where the access rules say
the persona may not see that object (or the object does not exist). URL arguments
come from ``samples``: ``{arg: [values]}`` for every endpoint, or
``{endpoint: {arg: [values]}}`` for one; routes with an argument without sample
values are skipped (see :func:`plan`). ``lang_code`` defaults to ``["fr"]``.
Static files are skipped, and the back office (``/admin/``) unless asked.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask

from ..security.permissions import guarded_endpoints
from ..security.rules import allowed
from .fixtures import TEST_PASSWORD, csrf_token

DEFAULT_SAMPLES: dict[str, list[Any]] = {"lang_code": ["fr"]}
SKIP_WORDS = ("logout", "static")  # GETs that would end the persona's session, files
PERSONA_ROLES = {
    "guest": "Guest",
    "company": "Company",
    "expert": "Expert",
    "moderator": "Moderator",
}


@dataclass(frozen=True)
class Persona:
    """Who walks: ``username`` ``None`` is the anonymous visitor."""

    name: str
    username: str | None = None
    user_id: int | None = None


@dataclass(frozen=True)
class Finding:
    """One answer the rules forbid, or a server error."""

    persona: str
    url: str
    endpoint: str
    status: int
    problem: str

    def __str__(self) -> str:
        return f"{self.persona} GET {self.url} ({self.endpoint}) -> {self.status}: {self.problem}"


@dataclass(frozen=True)
class Visit:
    endpoint: str
    url: str
    view_args: Mapping[str, Any]


def make_personas(make_user: Callable[..., Any], prefix: str = "walk") -> list[Persona]:
    """Anonymous plus one account per persona role, made with the ``make_user``
    fixture (moderators get TOTP, answered at sign-in)."""
    personas = [Persona("anonymous")]
    for name, role_name in PERSONA_ROLES.items():
        user = make_user(f"{prefix}{name}", roles=[role_name])
        personas.append(Persona(name, user.username, user.id))
    return personas


def _samples_for(endpoint: str, samples: Mapping[str, Any]) -> dict[str, list[Any]]:
    merged = dict(DEFAULT_SAMPLES)
    merged.update({k: list(v) for k, v in samples.items() if not isinstance(v, Mapping)})
    own = samples.get(endpoint)
    if isinstance(own, Mapping):
        merged.update({k: list(v) for k, v in own.items()})
    return merged


def plan(
    app: Flask,
    samples: Mapping[str, Any] | None = None,
    include_admin: bool = False,
    skip: Iterable[str] = SKIP_WORDS,
) -> tuple[list[Visit], list[str]]:
    """The URLs :func:`walk` requests, and the rules it skips for lack of samples."""
    from ..backoffice import ADMIN_PREFIX

    visits: list[Visit] = []
    skipped: list[str] = []
    words = tuple(skip)
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or any(
            w in rule.endpoint or w in rule.rule for w in words
        ):
            continue
        if not include_admin and rule.rule.startswith(ADMIN_PREFIX + "/"):
            continue
        values = _samples_for(rule.endpoint, samples or {})
        missing = [arg for arg in sorted(rule.arguments) if arg not in values]
        if missing:
            skipped.append(f"{rule.rule} (no sample for {', '.join(missing)})")
            continue
        names = sorted(rule.arguments)
        for combination in itertools.product(*(values[n] for n in names)):
            view_args = dict(zip(names, combination, strict=True))
            built = rule.build(view_args, append_unknown=False)
            if built is not None:
                visits.append(Visit(rule.endpoint, built[1], view_args))
    return visits, skipped


def sign_in(client: Any, username: str, password: str = TEST_PASSWORD, lang: str = "fr") -> None:
    """Sign ``username`` in through the real form (answering TOTP when enrolled)."""
    from .accounts import answer_second_step

    page = client.get(f"/{lang}/login")
    response = client.post(
        f"/{lang}/login",
        data={"login": username, "password": password, "csrf_token": csrf_token(page.text)},
    )
    response = answer_second_step(client, response, username, lang)
    assert response.status_code == 302 and "/login" not in response.location, (
        f"could not sign {username} in ({response.status_code} {response.location})"
    )


def _refused(app: Flask, persona: Persona, visit: Visit) -> str | None:
    """Why the rules forbid ``persona`` this guarded page, or ``None`` if they allow."""
    from ..extensions import db
    from ..members.services import member_by_id

    guard = guarded_endpoints(app).get(visit.endpoint)
    if guard is None:
        return None
    kwargs = {k: v for k, v in visit.view_args.items() if k != "lang_code"}
    obj = guard.loader(**kwargs)
    member = member_by_id(persona.user_id) if persona.user_id is not None else None
    try:
        if obj is None:
            return "object not found, yet answered 200"
        if not allowed(guard.action, guard.resource, obj, member):
            return f"the rules for {guard.resource}/{guard.action} refuse {persona.name}"
        return None
    finally:
        db.session.expire_all()


def walk(
    app: Flask,
    personas: Iterable[Persona],
    samples: Mapping[str, Any] | None = None,
    include_admin: bool = False,
    skip: Iterable[str] = SKIP_WORDS,
) -> list[Finding]:
    """GET every planned URL as each persona; every finding, in order."""
    visits, _skipped = plan(app, samples, include_admin, skip)
    findings: list[Finding] = []
    for persona in personas:
        client = app.test_client()
        if persona.username is not None:
            sign_in(client, persona.username)
        for visit in visits:
            status = client.get(visit.url).status_code
            if status >= 500:
                findings.append(
                    Finding(persona.name, visit.url, visit.endpoint, status, "server error")
                )
            elif status == 200:
                problem = _refused(app, persona, visit)
                if problem is not None:
                    findings.append(
                        Finding(persona.name, visit.url, visit.endpoint, status, problem)
                    )
    return findings


def assert_no_findings(findings: Iterable[Finding]) -> None:
    """Fail with every finding listed, one a line."""
    found = list(findings)
    assert not found, "URL walk findings:\n" + "\n".join(str(f) for f in found)
