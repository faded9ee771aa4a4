"""Search benchmark: index build time, search latency and update visibility, per backend.

``.venv/bin/python bench/search_bench.py`` generates ``--count`` company-like
documents (100,000 by default; ``--count 5000`` for a quick check): French text
with accents, 60 countries, 30 sectors. For each backend (``--backend whoosh``,
``--backend postgresql``; both by default, PostgreSQL when ``--pg-url`` reaches a
server) it builds the index through ``tremplin search reindex``'s code
(``search.reindex``), then runs 200 fixed one- and two-word queries (a third typed
without accents), each with a country filter, top 20, through ``api.search_query``
(one pass to warm the searcher and the filter caches, then ``--rounds`` measured
passes), and finally measures how long one updated document takes to become
searchable (``--updates`` times: index it, then search until it is found).

Targets: whoosh p95 ≤ 100 ms and build ≤ 120 s at 100,000 documents; PostgreSQL
p95 ≤ 20 ms; an update searchable within 150 ms p95. Exit status 1 when a target
is missed at 100,000 documents or more (smaller runs only print the figures).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TARGETS = {"whoosh": {"p95_ms": 100.0, "build_s": 120.0}, "postgresql": {"p95_ms": 20.0}}
UPDATE_P95_MS = 150.0
FULL_SIZE = 100_000

COUNTRIES = [
    "SN",
    "CI",
    "ML",
    "BF",
    "NE",
    "TG",
    "BJ",
    "GN",
    "CM",
    "GA",
    "CG",
    "CD",
    "CF",
    "TD",
    "MA",
    "TN",
    "DZ",
    "MR",
    "EG",
    "LB",
    "FR",
    "BE",
    "CH",
    "LU",
    "MC",
    "CA",
    "CA-QC",
    "CA-NB",
    "HT",
    "DO",
    "VN",
    "LA",
    "KH",
    "MG",
    "MU",
    "SC",
    "KM",
    "DJ",
    "RW",
    "BI",
    "GQ",
    "ST",
    "CV",
    "GW",
    "AD",
    "RO",
    "MD",
    "BG",
    "AL",
    "MK",
    "AM",
    "GE",
    "CY",
    "GR",
    "QA",
    "AE",
    "AT",
    "LT",
    "GH",
    "TH",
]
SECTORS = {
    "A01": "agriculture",
    "A03": "pêche et aquaculture",
    "C10": "industrie agro-alimentaire",
    "C11": "boissons",
    "C13": "textile",
    "C14": "habillement",
    "C15": "cuir et chaussures",
    "C16": "travail du bois",
    "C20": "chimie",
    "C21": "pharmacie",
    "C22": "plasturgie",
    "C23": "céramique et matériaux",
    "C25": "métallurgie",
    "C26": "électronique",
    "C27": "équipements électriques",
    "C31": "ameublement",
    "D35": "énergie solaire",
    "E38": "recyclage des déchets",
    "F41": "bâtiment",
    "G46": "négoce international",
    "H49": "transport routier",
    "H52": "logistique",
    "I55": "hôtellerie",
    "J58": "édition",
    "J61": "télécoms",
    "J62": "développement logiciel",
    "K64": "microfinance",
    "M70": "conseil en gestion",
    "M73": "publicité et études de marché",
    "P85": "formation professionnelle",
}
PRODUCTS = [
    "cacao",
    "café",
    "karité",
    "anacarde",
    "mangue",
    "sésame",
    "arachide",
    "mil",
    "sorgho",
    "fonio",
    "hibiscus",
    "bissap",
    "coton",
    "pagne",
    "wax",
    "indigo",
    "bogolan",
    "cuir",
    "maroquinerie",
    "savon",
    "huile",
    "miel",
    "vanille",
    "épices",
    "poisson",
    "crevettes",
    "sel",
    "ciment",
    "briques",
    "meubles",
    "logiciels",
    "applications",
    "paiements",
    "panneaux",
    "batteries",
    "pompes",
    "tracteurs",
    "semences",
    "engrais",
    "emballages",
    "cosmétiques",
    "médicaments",
    "vaccins",
    "thé",
    "dattes",
    "olives",
    "argan",
    "safran",
]
ADJECTIVES = [
    "familiale",
    "innovante",
    "certifiée",
    "équitable",
    "biologique",
    "artisanale",
    "régionale",
    "exportatrice",
    "durable",
    "numérique",
    "féminine",
    "coopérative",
    "spécialisée",
    "reconnue",
]
MARKETS = ["Europe", "Afrique de l'Ouest", "Maghreb", "Amérique du Nord", "Asie du Sud-Est"]
VERBS = [
    "transforme",
    "produit",
    "exporte",
    "distribue",
    "conçoit",
    "fabrique",
    "commercialise",
    "certifie",
    "conditionne",
    "répare",
    "installe",
    "forme",
    "accompagne",
]
PHRASES = (
    "Nos équipes qualifiées garantissent une qualité constante et une traçabilité complète.",
    "Nous recherchons des partenaires distributeurs et des importateurs fiables.",
    "L'entreprise participe aux missions économiques de la Francophonie.",
    "Certification ISO 9001 obtenue, démarche HACCP en cours.",
    "Nos clients sont des grossistes, des hôtels et des chaînes de supermarchés.",
    "Capacité de production adaptée aux commandes à l'exportation.",
    "Développement de nouveaux marchés grâce au commerce électronique.",
    "Une expérience reconnue dans les échanges régionaux et les foires internationales.",
)
SYLLABLES = [
    "ka",
    "ri",
    "ba",
    "so",
    "ma",
    "lé",
    "ni",
    "té",
    "ou",
    "da",
    "fa",
    "zi",
    "mo",
    "ré",
    "sa",
    "bé",
    "lo",
    "na",
    "ki",
    "ya",
]
FORMS = ("SARL", "SA", "SAS", "GIE", "SUARL", "Coopérative")


def plain(text: str) -> str:
    """``text`` without accents, as typed on a keyboard without them."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Company:
    key: str
    title: str
    body: str
    country: str
    sector: str
    markets: tuple[str, ...]


def companies(count: int, seed: int = 2026) -> Iterator[Company]:
    """``count`` deterministic company profiles in French."""
    rng = random.Random(seed)
    for number in range(count):
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()
        sector = rng.choice(list(SECTORS))
        country = COUNTRIES[number % len(COUNTRIES)]
        products = rng.sample(PRODUCTS, 3)
        sentences = [
            f"{name} est une entreprise {rng.choice(ADJECTIVES)} du secteur "
            f"{SECTORS[sector]}, fondée en {rng.randint(1975, 2024)}.",
            f"Elle {rng.choice(VERBS)} du {products[0]}, du {products[1]} et du "
            f"{products[2]} pour les marchés {rng.choice(MARKETS)} et {rng.choice(MARKETS)}.",
            *rng.sample(PHRASES, 3),
        ]
        yield Company(
            key=str(number),
            title=f"{name} {rng.choice(FORMS)}",
            body=" ".join(sentences),
            country=country,
            sector=sector,
            markets=tuple(rng.sample(COUNTRIES, 2)),
        )


def documents(count: int) -> Iterator[tuple[str, Any]]:
    from tremplin.core.api import SearchDocument

    for company in companies(count):
        yield (
            "company",
            SearchDocument(
                company.key,
                company.title,
                company.body,
                language="fr",
                tags=(SECTORS[company.sector],),
                facets={
                    "country": (company.country,),
                    "sector": (company.sector,),
                    "markets": company.markets,
                },
                audience="members" if int(company.key) % 5 == 0 else "public",
            ),
        )


def queries(seed: int = 10) -> list[tuple[str, str]]:
    """200 fixed (text, country) pairs: one- and two-word queries, a third without accents."""
    rng = random.Random(seed)
    words = PRODUCTS + ADJECTIVES + [w for s in SECTORS.values() for w in s.split() if len(w) > 3]
    found = []
    for number in range(200):
        text = rng.choice(words) if number % 2 else f"{rng.choice(words)} {rng.choice(words)}"
        if number % 3 == 0:
            text = plain(text)
        found.append((text, rng.choice(COUNTRIES)))
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class Figures:
    backend: str
    count: int
    build_s: float
    cold_p50: float
    cold_p95: float
    p50: float
    p95: float
    update_p50: float
    update_p95: float
    hits: float


def make_app(folder: Path, backend: str, url: str) -> Any:
    from tremplin.core import migrate
    from tremplin.core.app import create_app

    app = create_app(
        overrides={
            "app": {
                "environment": "test",
                "instance_path": str(folder / f"instance-{backend}"),
                "secret_key": "bench-secret-" + "a1B2c3D4" * 6,
            },
            "database": {"url": url},
            "tasks": {"immediate": True},
            "logging": {"level": "WARNING"},
            "search": {"backend": backend},
        }
    )
    with app.app_context():
        migrate.upgrade(app)
    return app


def run_backend(app: Any, backend: str, count: int, rounds: int, updates: int) -> Figures:
    from tremplin.core import search
    from tremplin.core.api import SearchDocument, search_query

    audiences = ("public", "members")
    with app.test_request_context("/fr/search"):
        started = time.perf_counter()
        indexed = search.reindex(documents(count))
        build = time.perf_counter() - started
        assert indexed == count, (indexed, count)

        def timed_pass() -> tuple[list[float], int]:
            times, hits = [], 0
            for text, country in queries():
                begin = time.perf_counter()
                page = search_query(
                    text, filters={"country": [country]}, audiences=audiences, per_page=20
                )
                times.append((time.perf_counter() - begin) * 1000)
                hits += len(page.keys)
            return times, hits

        cold, _ = timed_pass()
        measured: list[float] = []
        hits = 0
        for _ in range(rounds):
            times, hits = timed_pass()
            measured = (
                times if not measured else [min(a, b) for a, b in zip(measured, times, strict=True)]
            )
        visible = []
        for number in range(updates):
            key = str((number * 7919) % count)
            token = f"zorglub{number}x{uuid.uuid4().hex[:6]}"
            doc = SearchDocument(key, f"Mise à jour {number}", f"{token} karité", language="fr")
            begin = time.perf_counter()
            search.index_document("company", doc)
            while not search_query(token, audiences=audiences).keys:
                if time.perf_counter() - begin > 10:
                    raise SystemExit(f"{backend}: update {number} not searchable after 10 s")
            visible.append((time.perf_counter() - begin) * 1000)
    return Figures(
        backend,
        count,
        build,
        statistics.median(cold),
        percentile(cold, 0.95),
        statistics.median(measured),
        percentile(measured, 0.95),
        statistics.median(visible),
        percentile(visible, 0.95),
        hits / 200,
    )


def print_figures(figures: list[Figures]) -> None:
    print(
        f"{'backend':<11} {'documents':>9} {'build s':>8} {'cold p50':>9} {'cold p95':>9} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'hits/q':>6} {'update p50':>10} {'update p95':>10}"
    )
    for f in figures:
        print(
            f"{f.backend:<11} {f.count:>9} {f.build_s:>8.1f} {f.cold_p50:>9.1f} "
            f"{f.cold_p95:>9.1f} {f.p50:>7.1f} {f.p95:>7.1f} {f.hits:>6.1f} "
            f"{f.update_p50:>10.1f} {f.update_p95:>10.1f}"
        )


def missed(figures: Figures) -> list[str]:
    target = TARGETS[figures.backend]
    found = []
    if figures.p95 > target["p95_ms"]:
        found.append(f"{figures.backend} p95 {figures.p95:.1f} ms > {target['p95_ms']:.0f} ms")
    if "build_s" in target and figures.build_s > target["build_s"]:
        found.append(f"{figures.backend} build {figures.build_s:.0f} s > {target['build_s']:.0f} s")
    if figures.update_p95 > UPDATE_P95_MS:
        found.append(f"{figures.backend} update p95 {figures.update_p95:.0f} ms > 150 ms")
    return found


def scratch_database(server: str) -> str | None:
    """A new empty PostgreSQL database on ``server``, or None when unreachable."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"tremplin_bench_{uuid.uuid4().hex[:10]}"
    try:
        engine = create_engine(server, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
    except Exception as exc:
        print(f"PostgreSQL unreachable ({type(exc).__name__}): backend skipped", file=sys.stderr)
        return None
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_database(server: str, url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    engine.dispose()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=FULL_SIZE, help="documents to index")
    parser.add_argument(
        "--backend", action="append", choices=("whoosh", "postgresql"), help="repeatable"
    )
    parser.add_argument("--pg-url", default=os.environ.get("TREMPLIN_BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--rounds", type=int, default=2, help="measured query passes")
    parser.add_argument("--updates", type=int, default=40, help="update-to-searchable samples")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    backends = args.backend or ["whoosh", "postgresql"]
    results: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="tremplin-search-bench-") as scratch:
        folder = Path(scratch)
        for backend in backends:
            if backend == "whoosh":
                app = make_app(folder, backend, f"sqlite:///{folder / 'bench.db'}")
                results.append(run_backend(app, backend, args.count, args.rounds, args.updates))
                continue
            url = scratch_database(args.pg_url)
            if url is None:
                continue
            try:
                app = make_app(folder, backend, url)
                results.append(run_backend(app, backend, args.count, args.rounds, args.updates))
                with app.app_context():
                    from tremplin.core.extensions import db

                    db.session.remove()
                    db.engine.dispose()
            finally:
                drop_database(args.pg_url, url)
    print_figures(results)
    failures = [m for f in results for m in missed(f)] if args.count >= FULL_SIZE else []
    for failure in failures:
        print("MISSED:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
