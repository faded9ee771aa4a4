"""Mission participants: CSV import (all or nothing), matching at sign-up, safe export."""

from __future__ import annotations

import csv
import io

import pytest
from flask_babel import force_locale
from typer.testing import CliRunner

from tremplin.core.accounts.participants import services as participants
from tremplin.core.accounts.participants.models import Participant
from tremplin.core.extensions import db
from tremplin.core.testing.fixtures import csrf_token
from tremplin.core.testing.onboarding import company_fields, mails_to, post_signup

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}
HEADER = "email;prénom;nom;entreprise;pays;mission\n"
GOOD = (
    HEADER + "awa@example.org;Awa;Ndiaye;Baobab Export;SN;Dakar 2026\n"
    "jean@example.org;Jean;Kaboré;Faso Coton;bf;Ouagadougou 2026\n"
)


def count():
    return db.session.query(Participant).count()


def test_import_then_update(app):
    result = participants.import_bytes(("\ufeff" + GOOD).encode())
    assert (result.ok, result.created, result.updated) == (True, 2, 0)
    jean = participants.find("JEAN@example.org")
    assert (jean.first_name, jean.last_name, jean.country) == ("Jean", "Kaboré", "BF")
    again = participants.import_bytes(GOOD.replace("Dakar 2026", "Dakar 2027").encode())
    assert (again.created, again.updated) == (0, 2)
    assert participants.find("awa@example.org").mission == "Dakar 2027"


def test_comma_separated_english_header_and_windows_1252(app):
    text = "email,first_name,last_name,company,country,mission\nzoe@example.org,Zoé,Ba,,ML,\n"
    result = participants.import_bytes(text.encode("cp1252"))
    assert result.ok and participants.find("zoe@example.org").first_name == "Zoé"


BAD_LINES = [
    ("not-an-email;Awa;Ndiaye;X;SN;M", "e-mail : Adresse e-mail invalide."),
    ("a@example.org;Awa;Ndiaye;X;XX;M", "pays : Code pays inconnu"),
    ("a@example.org;=cmd|' /C calc'!A0;Ndiaye;X;SN;M", "prénom : "),
    ("a@example.org;Awa;Ndiaye;@SUM(1+1);SN;M", "entreprise : Ne doit pas commencer par"),
    ("a@example.org;<script>alert(1)</script>;Ndiaye;X;SN;M", "prénom : "),
    ("a@example.org;Awa;' OR 1=1 --;X;SN;M", "nom : "),
    ("a@example.org;Awa;Ndiaye;<b>X</b>;SN;M", "entreprise : "),
    ('a@example.org;"Awa\r\nBcc: x@y.org";Ndiaye;X;SN;M', "prénom : "),
    ("a@example.org;" + "A" * 65 + ";Ndiaye;X;SN;M", "prénom : 64 caractères au plus."),
    ("a@example.org;;Ndiaye;X;SN;M", "prénom : Ce champ est obligatoire."),
]


@pytest.mark.parametrize("line, reason", BAD_LINES)
def test_one_bad_line_imports_nothing_and_is_reported(app, line, reason):
    text = GOOD + line + "\n"
    result = participants.import_bytes(text.encode())
    assert not result.ok and count() == 0
    assert [e.line for e in result.errors] == [4]
    assert result.errors[0].reason.startswith(reason)


def test_every_bad_line_is_listed_and_duplicates_name_the_first(app):
    text = GOOD + "awa@example.org;Awa;Ndiaye;;SN;\nbad;X;Y;;SN;\n"
    result = participants.import_bytes(text.encode())
    assert [(e.line, e.reason) for e in result.errors] == [
        (4, "Adresse en double (déjà ligne 2)."),
        (5, "e-mail : Adresse e-mail invalide."),
    ]
    assert count() == 0


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "Le fichier est vide."),
        (b"name;surname\nx;y\n", "Colonnes manquantes"),
        (b"\x00\x01binary", "Ce n'est pas un fichier CSV texte."),
        (b"email;first_name;last_name;country\n" + b"\x81\x8d\x8f\x90" * 10, "Encodage illisible"),
        (HEADER.encode() + b"x" * (participants.MAX_BYTES + 1), "Fichier trop volumineux"),
    ],
)
def test_unusable_files(app, data, reason):
    result = participants.import_bytes(data)
    assert not result.ok and result.errors[0].reason.startswith(reason) and count() == 0


def test_reasons_are_translated(app):
    with force_locale("en"):
        result = participants.import_bytes((GOOD + "bad;X;Y;;SN;\n").encode())
    assert result.errors[0].reason == "e-mail: Invalid e-mail address."


def test_dry_run_changes_nothing(app):
    result = participants.import_bytes(GOOD.encode(), dry_run=True)
    assert (result.ok, result.created) == (True, 2) and count() == 0


def test_participant_signs_up_with_that_address_and_is_matched(app, client):
    participants.import_bytes(GOOD.encode())
    assert post_signup(client, company_fields(email="AWA@example.org")).status_code == 302
    sm = app.appbuilder.sm
    user = sm.session.query(sm.user_model).filter_by(email="awa@example.org").one()
    row = participants.find("awa@example.org")
    assert row.user_id == user.id and row.matched_at is not None
    assert mails_to(app, "awa@example.org")[0]["Subject"] == "Confirmez votre adresse e-mail"


def test_export_neutralises_formulas(app):
    db.session.add(
        Participant(
            email="x@example.org",
            first_name='=HYPERLINK("http://e")',
            last_name="+1",
            company="@SUM(A1)",
            country="SN",
            mission="-2",
        )
    )
    db.session.commit()
    rows = list(csv.reader(io.StringIO(participants.export_csv()), delimiter=";"))
    assert rows[1][:4] == ["x@example.org", '\'=HYPERLINK("http://e")', "'+1", "'@SUM(A1)"]
    assert rows[1][5] == "'-2"


def test_cli_import_dry_run_then_real(app, tmp_path):
    from tremplin.cli import context
    from tremplin.cli.main import app as cli

    context.set_config_path(None)
    context.set_app(app)
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    runner = CliRunner()
    dry = runner.invoke(cli, ["participants", "import", str(good), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "2 participant(s) seraient ajoutés" in dry.output and count() == 0
    real = runner.invoke(cli, ["participants", "import", str(good)])
    assert real.exit_code == 0 and count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "bad;[red]X[/red];Y;;SN;\n", encoding="utf-8")
    refused = runner.invoke(cli, ["participants", "import", str(bad)])
    assert refused.exit_code == 1
    assert "ligne 4" in refused.output and "rien n'a été importé" in refused.output
    missing = runner.invoke(cli, ["participants", "import", str(tmp_path / "none.csv")])
    assert missing.exit_code == 1 and "introuvable" in missing.output


def test_back_office_upload_reports_lines_and_imports(app, client, make_user, login):
    make_user("boss", roles=["Moderator"])
    login("boss")
    page = client.get("/admin/onboarding/participants")
    assert page.status_code == 200
    bad = GOOD + "a@example.org;<script>alert(1)</script>;X;;SN;\n"
    response = client.post(
        "/admin/onboarding/participants",
        content_type="multipart/form-data",
        data={"csrf_token": csrf_token(page.text), "csv_file": (io.BytesIO(bad.encode()), "p.csv")},
    )
    assert response.status_code == 400 and "Ligne 4" in response.text
    assert "<script>alert(1)</script>" not in response.text and count() == 0
    response = client.post(
        "/admin/onboarding/participants",
        content_type="multipart/form-data",
        data={
            "csrf_token": csrf_token(page.text),
            "csv_file": (io.BytesIO(GOOD.encode()), "p.csv"),
        },
    )
    assert response.status_code == 200 and count() == 2
    export = client.get("/admin/onboarding/participants.csv")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    assert "awa@example.org" in export.text
