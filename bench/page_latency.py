"""Portal page latency and throughput under gunicorn, against a bare Flask response.

``make bench`` (or ``.venv/bin/python bench/page_latency.py``) builds a scratch
instance (migrated SQLite, demo data), starts gunicorn (1 sync worker) with
``bench_wsgi:app``, then for every page in ``PAGES`` sends requests one after the
other, alternating page and bare requests so both see the same machine load.
A new connection per request (gunicorn's sync workers close it anyway).

Targets per page: p50 ≤ 6 × bare p50, throughput ≥ 0.15 × bare throughput.
Exit status 1 when a page misses a target.

The directory's pages (search, a company and an expert profile) are added once
the demo data exists (``directory_pages``). To add pages: append to ``PAGES`` below,
or pass ``--page /fr/other`` (repeatable), or have a later module call
``page_latency.PAGES.append(Page(...))``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
P50_MAX_RATIO = 6.0
THROUGHPUT_MIN_RATIO = 0.15
# The dashboard with every plugin's widgets against the home page (issue 16).
DASHBOARD_MAX_RATIO = 3.0
BENCH_PASSWORD = "bench-Password-2026-tremplin"
BENCH_USER = "awa.ndiaye"


@dataclass(frozen=True)
class Page:
    path: str
    signed_in: bool = False
    status: int = 200


PAGES: list[Page] = [
    Page("/fr/"),
    Page("/en/"),
    Page("/fr/login"),
    Page("/fr/search?q=export"),
    Page("/fr/pages/about"),
    Page("/fr/pages/legal-notices"),
    Page("/sitemap.xml"),
    Page("/robots.txt"),
    Page("/healthz"),
    Page("/fr/dashboard", signed_in=True),
]


@dataclass
class Result:
    page: Page
    p50_ms: float
    rps: float
    bare_p50_ms: float
    bare_rps: float
    cpu_ms: float = 0.0
    bare_cpu_ms: float = 0.0

    @property
    def p50_ratio(self) -> float:
        return self.p50_ms / self.bare_p50_ms

    @property
    def rps_ratio(self) -> float:
        return self.rps / self.bare_rps

    @property
    def passed(self) -> bool:
        return self.p50_ratio <= P50_MAX_RATIO and self.rps_ratio >= THROUGHPUT_MIN_RATIO


class Client:
    """One request per connection, to 127.0.0.1 only."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""

    def request(
        self, method: str, path: str, body: str = "", cookie: str = ""
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": cookie} if cookie else {}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            data = response.read()
            cookies = "; ".join(
                v.split(";", 1)[0] for k, v in response.getheaders() if k.lower() == "set-cookie"
            )
            return response.status, {"set-cookie": cookies}, data
        finally:
            conn.close()

    def timed(self, path: str, cookie: str, status: int) -> float:
        started = time.perf_counter()
        got, _headers, _body = self.request("GET", path, cookie=cookie)
        elapsed = time.perf_counter() - started
        if got != status:
            raise SystemExit(f"{path}: HTTP {got} (attendu {status})")
        return elapsed


def sign_in(client: Client, username: str, password: str) -> str:
    """Post the login form like a browser; returns the session cookie header."""
    from urllib.parse import urlencode

    status, headers, body = client.request("GET", "/fr/login")
    match = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', body) or re.search(
        rb'value="([^"]+)"[^>]*name="csrf_token"', body
    )
    if status != 200 or not match:
        raise SystemExit("connexion : formulaire introuvable sur /fr/login")
    form = urlencode(
        {"login": username, "password": password, "csrf_token": match.group(1).decode()}
    )
    status, posted, _ = client.request("POST", "/fr/login", form, headers["set-cookie"])
    cookie = posted["set-cookie"] or headers["set-cookie"]
    if status != 302 or client.request("GET", "/fr/dashboard", cookie=cookie)[0] != 200:
        raise SystemExit(f"connexion de {username} impossible (HTTP {status})")
    return cookie


def measure(
    client: Client,
    page: Page,
    cookie: str,
    count: int,
    warmup: int,
    rounds: int = 1,
    worker: int | None = None,
) -> Result:
    """``rounds`` passes of ``count`` page requests alternated with bare ones. Each
    figure keeps its best pass (lowest p50, highest throughput), for the page and
    for the bare response alike: other processes only ever add time. With
    ``worker``, also the worker's CPU time per request."""
    from bench_wsgi import BARE_PATH

    page_cookie = cookie if page.signed_in else ""
    for _ in range(warmup):
        client.timed(page.path, page_cookie, page.status)
        client.timed(BARE_PATH, "", 200)
    passes = []
    for _ in range(rounds):
        timings: list[float] = []
        bare: list[float] = []
        for _ in range(count):
            timings.append(client.timed(page.path, page_cookie, page.status))
            bare.append(client.timed(BARE_PATH, "", 200))
        passes.append(
            Result(
                page,
                statistics.median(timings) * 1000,
                count / sum(timings),
                statistics.median(bare) * 1000,
                count / sum(bare),
            )
        )
    result = Result(
        page,
        min(r.p50_ms for r in passes),
        max(r.rps for r in passes),
        min(r.bare_p50_ms for r in passes),
        max(r.bare_rps for r in passes),
    )
    if worker is not None:
        result.cpu_ms = cpu_per_request(client, worker, page.path, page_cookie, page.status, count)
        result.bare_cpu_ms = cpu_per_request(client, worker, BARE_PATH, "", 200, count)
    return result


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_request(
    client: Client, pid: int, path: str, cookie: str, status: int, count: int
) -> float:
    before = cpu_seconds(pid)
    for _ in range(count):
        client.timed(path, cookie, status)
    return (cpu_seconds(pid) - before) / count * 1000


def prepare_instance(folder: Path, database_url: str | None) -> Path:
    """Migrated database, demo data with the personas, search index; returns the TOML.

    Written without ``tremplin.core.testing.fixtures`` (it needs pytest, which
    ``make bench`` does not install).
    """
    from tremplin.core import migrate, search
    from tremplin.core.app import create_app
    from tremplin.core.demo import load_demo
    from tremplin.core.extensions import db
    from tremplin.core.ops.local_server import write_config
    from tremplin.core.roles_sync import sync_all_roles

    url = database_url or f"sqlite:///{folder / 'bench.db'}"
    secret = "bench-secret-" + "a1B2c3D4" * 6
    import messaging_seed

    from tremplin.core.settings import BUNDLED_PLUGINS

    # Every bundled plugin, as `make run` and a default installation load them.
    extra = {"plugins": {"enabled": sorted({*BUNDLED_PLUGINS, messaging_seed.PLUGIN})}}
    config = write_config(folder / "bench.toml", folder / "instance", url, secret, extra)
    app = create_app(config)
    with app.app_context():
        migrate.upgrade(app)
        sync_all_roles(app)
        load_demo(password=BENCH_PASSWORD)
        search.rebuild()
        PAGES.extend(directory_pages())
        db.session.remove()
    if messaging_seed.enabled(app):  # the inbox and a conversation of 200 messages
        PAGES.extend(Page(path, signed_in=True) for path in messaging_seed.seed(app, BENCH_USER))
    with app.app_context():
        db.engine.dispose()
    return config


def directory_pages() -> list[Page]:
    """The directory (a search with a country filter), a company profile (with its
    partner suggestions) and an expert profile, when the directory plugin is enabled."""
    from tremplin.core import api

    enabled = api.setting("plugins", "enabled")
    if "directory" not in enabled:
        return []
    company = next(c.id for c in api.companies() if c.name == "Saveurs du Sine")
    experts = api.members(email="fatou.sarr@experts.example", limit=1)
    pages = [
        Page("/fr/directory/", signed_in=True),
        Page("/fr/directory/?q=agroalimentaire&country=SN", signed_in=True),
        Page(f"/fr/directory/companies/{company}", signed_in=True),
    ]
    if experts:
        pages.append(Page(f"/fr/directory/experts/{experts[0].id}", signed_in=True))
    return pages


def print_table(results: list[Result]) -> None:
    header = (
        f"{'page':<26} {'p50 ms':>7} {'nu ms':>6} {'ratio':>6} {'≤6×':>4}  "
        f"{'req/s':>6} {'nu/s':>6} {'ratio':>6} {'≥0.15×':>6}  verdict  "
        f"{'CPU ms':>6} {'nu':>5} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        p50_ok = "ok" if r.p50_ratio <= P50_MAX_RATIO else "NON"
        rps_ok = "ok" if r.rps_ratio >= THROUGHPUT_MIN_RATIO else "NON"
        label = r.page.path + (" (connecté)" if r.page.signed_in else "")
        print(
            f"{label:<26} {r.p50_ms:7.2f} {r.bare_p50_ms:6.2f} {r.p50_ratio:5.1f}× {p50_ok:>4}  "
            f"{r.rps:6.0f} {r.bare_rps:6.0f} {r.rps_ratio:5.2f}× {rps_ok:>6}  "
            f"{'PASS' if r.passed else 'FAIL':>7}  {r.cpu_ms:6.2f} {r.bare_cpu_ms:5.2f} "
            f"{r.cpu_ms / r.bare_cpu_ms if r.bare_cpu_ms else 0:5.1f}×"
        )


def dashboard_within_home_ratio(results: list[Result]) -> bool:
    """Print the dashboard's p50 against the home page's; True when within
    ``DASHBOARD_MAX_RATIO`` (or when either page was not measured)."""
    by_path = {r.page.path: r for r in results}
    home, dashboard = by_path.get("/fr/"), by_path.get("/fr/dashboard")
    if home is None or dashboard is None:
        return True
    ratio = dashboard.p50_ms / home.p50_ms
    verdict = "PASS" if ratio <= DASHBOARD_MAX_RATIO else "FAIL"
    print(
        f"\n/fr/dashboard (tous les widgets) : {dashboard.p50_ms:.2f} ms, soit {ratio:.1f}× "
        f"l'accueil /fr/ ({home.p50_ms:.2f} ms) ; cible ≤ {DASHBOARD_MAX_RATIO:g}× : {verdict}"
    )
    return ratio <= DASHBOARD_MAX_RATIO


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--count", type=int, default=200, help="requêtes mesurées par page et par passe"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="passes par page ; la meilleure est retenue pour chaque chiffre",
    )
    parser.add_argument("--warmup", type=int, default=20, help="requêtes d'échauffement")
    parser.add_argument("--page", action="append", default=[], help="page supplémentaire")
    parser.add_argument("--only", action="append", default=[], help="mesurer ces pages seules")
    parser.add_argument("--database-url", help="base existante vide (défaut : SQLite jetable)")
    parser.add_argument(
        "--priority",
        type=int,
        default=-20,
        help="incrément nice du client et de gunicorn (négatif : root seulement ;"
        " 0 pour ne rien changer)",
    )
    return parser.parse_args(argv)


def selected_pages(args: argparse.Namespace) -> list[Page]:
    pages = PAGES + [Page(path) for path in args.page]
    return [p for p in pages if p.path in args.only] if args.only else pages


def raise_priority(increment: int) -> bool:
    """Favour the benchmark over other work on a shared machine (root only)."""
    try:
        os.nice(increment)
        return True
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sys.path.insert(0, str(HERE))
    favoured = args.priority < 0 and raise_priority(args.priority)
    from tremplin.core.ops.local_server import LocalGunicorn

    with tempfile.TemporaryDirectory(prefix="tremplin-bench-") as scratch:
        config = prepare_instance(Path(scratch), args.database_url)
        args.page = [p for p in args.page if p not in {page.path for page in PAGES}]
        env = {"PYTHONPATH": str(HERE), "TREMPLIN_GUNICORN_MAX_REQUESTS": "1000000"}
        with LocalGunicorn(
            config,
            workers=1,
            app="bench_wsgi:app",
            extra_env=env,
            priority=args.priority if favoured else 0,
        ) as server:
            client = Client(server.port)
            cookie = sign_in(client, BENCH_USER, BENCH_PASSWORD)
            print(
                f"gunicorn 1 worker sync, port {server.port}, {args.rounds} passe(s) de "
                f"{args.count} requêtes par page (alternées avec la réponse nue ; meilleure "
                "passe retenue pour chaque chiffre), priorité "
                + (f"nice {args.priority}" if favoured else "normale")
                + "\n"
            )
            worker = next(iter(server.worker_pids()), None)
            results = [
                measure(client, page, cookie, args.count, args.warmup, args.rounds, worker)
                for page in selected_pages(args)
            ]
    print_table(results)
    failed = [r.page.path for r in results if not r.passed]
    if not dashboard_within_home_ratio(results):
        failed.append("/fr/dashboard (≤ 3 × /fr/)")
    print(
        f"\n{len(results) - len(failed)}/{len(results)} pages dans les cibles"
        + (f" ; hors cible : {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
