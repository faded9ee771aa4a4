"""The KPI dashboard and monthly report (access checks, bad input), the CLI,
the cookie-less page analytics and the feedback form."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from docx import Document
from typer.testing import CliRunner

from tremplin.core.api import db
from tremplin.core.testing.accounts import outbox
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.kpis import analytics
from tremplin.plugins.kpis.cli import app as cli
from tremplin.plugins.kpis.models import Feedback, PageView
from tremplin.plugins.kpis.report import email_report, month_range

from .fixtures import SUPPORT

CONFIG_OVERRIDES = {"plugins": {"enabled": ["pages", "kpis"]}}
EXTRA_PLUGINS = [SUPPORT]
BASE = "/admin/kpis"


def _seed_month(seed_activity):
    for user in (1, 2, 3):
        seed_activity(
            user,
            "account.signed_up",
            datetime(2025, 3, 2, 10, tzinfo=UTC).replace(tzinfo=None),
            via="form",
            kind="company",
        )
    db.session.commit()


def test_dashboard_and_reports_for_admins(app, client, make_user, login, seed_activity):
    _seed_month(seed_activity)
    from tremplin.plugins.kpis.aggregation import catch_up

    catch_up(since=date(2025, 3, 1), until=date(2025, 3, 31))
    make_user("chief", roles=["Admin"])
    login("chief")
    page = client.get(f"{BASE}/?start=2025-03-01&end=2025-03-31")
    assert page.status_code == 200
    assert 'id="kpi-mau"' in page.text and "<svg" in page.text
    assert ">3</td>" in page.text  # MAU and registrations
    assert client.get(f"{BASE}/?start=2025-13-01").status_code == 400
    assert client.get(f"{BASE}/?start=2025-03-31&end=2025-03-01").status_code == 400
    word = client.get(f"{BASE}/report?month=2025-03")
    assert word.status_code == 200
    text = "\n".join(
        c.text for row in Document(io.BytesIO(word.data)).tables[0].rows for c in row.cells
    )
    assert "Inscriptions\n3" in text
    csv = client.get(f"{BASE}/report?month=2025-03&format=csv")
    assert csv.status_code == 200 and "Inscriptions;3" in csv.data.decode("utf-8-sig")
    assert client.get(f"{BASE}/report?month=2025-3").status_code == 302  # refused, flashed
    assert client.get(f"{BASE}/report?month=<script>").status_code == 302
    db.session.add(Feedback(rating=2, comment="<script>alert(1)</script>", page="/fr/"))
    db.session.commit()
    reviewed = client.get("/admin/feedback/list/")
    assert reviewed.status_code == 200
    assert "&lt;script&gt;alert(1)" in reviewed.text and "<script>alert(1)" not in reviewed.text


def test_members_cannot_see_kpis(app, client, make_user, login):
    for path in (f"{BASE}/", f"{BASE}/report?month=2025-03", "/admin/feedback/list/"):
        assert client.get(path).status_code in (302, 403, 404)
    make_user("awa")
    login("awa")
    for path in (f"{BASE}/", f"{BASE}/report?month=2025-03", "/admin/feedback/list/"):
        response = client.get(path)
        assert response.status_code in (302, 403, 404), path
        assert b"PK" not in response.data[:2]


def test_monthly_report_email_and_cli(app, make_user, tmp_path, seed_activity):
    _seed_month(seed_activity)
    make_user("chief", roles=["Admin"])
    assert email_report(month_range("2025-03")) == 1
    mail = [m for m in outbox(app) if "chief@example.org" in str(m["To"])]
    assert mail and "Inscriptions" in mail[-1].get_body(preferencelist=("plain",)).get_content()
    attached = {
        part.get_filename(): part.get_payload(decode=True) for part in mail[-1].iter_attachments()
    }
    assert attached["indicateurs-2025-03.docx"][:2] == b"PK"  # the Word report
    assert "Inscriptions;3" in attached["indicateurs-2025-03.csv"].decode("utf-8-sig")
    runner = CliRunner()
    done = runner.invoke(cli, ["report", "--month", "2025-03", "--output", str(tmp_path)])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "tremplin-kpis-2025-03.docx").read_bytes()[:2] == b"PK"
    assert "Inscriptions;3" in (tmp_path / "tremplin-kpis-2025-03.csv").read_text("utf-8-sig")
    bad = runner.invoke(cli, ["report", "--month", "March", "--output", str(tmp_path)])
    assert bad.exit_code == 2 and "Mois invalide" in bad.output
    missing = runner.invoke(cli, ["report", "--month", "2025-03", "--output", str(tmp_path / "no")])
    assert missing.exit_code == 2


def test_page_views_are_counted_without_cookies(app, client):
    before = client.get("/fr/")
    assert before.status_code == 200
    assert "kpis/timing.js" in before.text and 'data-path="/fr/"' in before.text
    assert db.session.query(PageView).count() == 0  # buffered, not written per page
    assert analytics.flush(app) == 1
    views = db.session.query(PageView).filter_by(path="/fr/").one()
    assert views.views == 1 and views.device == "desktop"
    assert "Set-Cookie" not in before.headers or "analytics" not in before.headers["Set-Cookie"]
    dnt = client.get("/fr/", headers={"DNT": "1"})
    assert "kpis/timing.js" not in dnt.text
    assert analytics.flush(app) == 0
    db.session.expire_all()
    assert db.session.query(PageView).filter_by(path="/fr/").one().views == 1
    client.get(
        "/fr/", headers={"User-Agent": "Googlebot/2.1", "Referer": "https://news.example.com/x"}
    )
    client.get(
        "/fr/",
        headers={
            "User-Agent": "Mozilla/5.0 (iPhone) Mobile",
            "Referer": "https://news.example.com/x?q=secret",
        },
    )
    analytics.flush(app)
    mobile = db.session.query(PageView).filter_by(path="/fr/", device="mobile").one()
    assert mobile.referrer == "news.example.com"
    assert client.post("/kpis/timing", data={"path": "/fr/", "ms": "850"}).status_code == 204
    assert (
        client.post("/kpis/timing", data={"path": "https://evil.example/", "ms": "5"}).status_code
        == 204
    )
    assert client.post("/kpis/timing", data={"path": "/fr/", "ms": "NaN-ish"}).status_code == 204
    analytics.flush(app)
    db.session.expire_all()
    loads = db.session.query(PageView).filter(PageView.loads > 0).all()
    assert [(r.path, r.load_ms, r.loads) for r in loads] == [("/fr/", 850, 1)]


def test_buffered_views_add_up_and_flush_when_due(app, client, monkeypatch):
    for _ in range(3):
        assert client.get("/fr/").status_code == 200
    assert db.session.query(PageView).count() == 0
    monkeypatch.setattr(analytics, "_flush_seconds", lambda: 0.0)  # now due
    client.get("/fr/")  # this view is counted, then everything is written
    db.session.expire_all()
    assert db.session.query(PageView).filter_by(path="/fr/").one().views == 4
    client.get("/fr/")
    db.session.expire_all()  # due at once again: the same row grows
    assert db.session.query(PageView).filter_by(path="/fr/").one().views == 5
    assert analytics.flush(app) == 0


def test_feedback_form(app, client):
    page = client.get("/fr/feedback/?page=/fr/pages/a-propos")
    assert page.status_code == 200 and 'value="/fr/pages/a-propos"' in page.text
    token = csrf_token(page.text)
    missing = client.post("/fr/feedback/", data={"csrf_token": token, "comment": "x"})
    assert missing.status_code == 400 and "Choisissez une note" in missing.text
    long = client.post(
        "/fr/feedback/", data={"csrf_token": token, "rating": "4", "comment": "x" * 2001}
    )
    assert long.status_code == 400
    forged = client.post("/fr/feedback/", data={"csrf_token": token, "rating": "9"})
    assert forged.status_code == 400
    sent = client.post(
        "/fr/feedback/",
        data={
            "csrf_token": token,
            "rating": "4",
            "comment": "<script>x</script>",
            "page": "https://evil.example/",
        },
    )
    assert sent.status_code == 302 and sent.headers["Location"].startswith("/")
    item = db.session.query(Feedback).one()
    assert item.rating == 4 and item.page == "" and item.comment == "<script>x</script>"
    assert db.session.query(Feedback).count() == 1
    home = client.get("/fr/")
    assert 'href="/fr/feedback/?page=/fr/"' in home.text


def test_matomo_only_after_consent(app, client, monkeypatch):
    from tremplin.plugins.kpis import matomo

    values = {("analytics", "enabled"): True, ("kpis", "matomo_url"): "https://stats.oif.example/"}
    real = matomo.setting
    monkeypatch.setattr(matomo, "setting", lambda s, k: values.get((s, k), real(s, k)))
    before = client.get("/fr/")
    assert "kpis/matomo.js" not in before.text
    assert "stats.oif.example" not in before.headers["Content-Security-Policy"]
    client.set_cookie("tremplin_analytics", "refuse")
    assert "kpis/matomo.js" not in client.get("/fr/").text
    client.set_cookie("tremplin_analytics", "accept")
    after = client.get("/fr/")
    assert 'data-url="https://stats.oif.example/"' in after.text
    policy = after.headers["Content-Security-Policy"]
    assert "script-src 'self' https://stats.oif.example;" in policy
    assert "default-src 'self';" in policy
