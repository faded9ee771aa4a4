"""Core companies: the legal-identity fields, their migration, the member API and the
company helpers plugins use (tremplin.core.api)."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from tremplin.core import api
from tremplin.core.api import db
from tremplin.core.members.models import Profile

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}


def test_migration_matches_the_company_model(app):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    def company_only(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
        return table == "core_company"

    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": company_only, "compare_type": True}
        )
        assert compare_metadata(context, db.metadata) == []
    columns = {c["name"]: c for c in inspect(db.engine).get_columns("core_company")}
    assert columns["country"]["type"].length == 8


def test_create_update_and_read_a_company_with_its_identity(app, make_user):
    made = api.create_company(
        name="Atelier Québec",
        country="CA-QC",
        legal_form="SARL",
        year_founded=2015,
        size_band="small",
        revenue_band="100k_1m",
        registration_number="RCS 123",
        address="1 rue du Port",
        postal_code="G1K 3X2",
    )
    db.session.commit()
    found = api.company(made.id)
    assert found is not None
    assert (found.country, found.legal_form, found.year_founded) == ("CA-QC", "SARL", 2015)
    assert (found.size_band, found.revenue_band) == ("small", "100k_1m")
    api.update_company(made.id, city="Québec", registration_number="RCS 456")
    db.session.commit()
    again = api.company(made.id)
    assert again is not None and again.registration_number == "RCS 456"
    assert again.city == "Québec"
    assert api.company_field(made.id, "description") == ""
    assert made.id in [c.id for c in api.companies([made.id, 999999])]
    with pytest.raises(ValueError):
        api.update_company(made.id, id=5)
    with pytest.raises(LookupError):
        api.update_company(999999, city="x")


def test_members_attach_to_a_company_and_the_member_api_shows_its_identity(app, make_user):
    made = api.create_company(name="Saveurs Test", country="SN", legal_form="SA")
    user = make_user("identity.owner")
    other = make_user("identity.rep")
    api.set_member_company(user.id, made.id)
    api.set_member_company(other.id, made.id)
    db.session.commit()
    assert api.company_member_ids(made.id) == [user.id, other.id]
    seen = api.company_of(user.id)
    assert seen is not None and seen.legal_form == "SA" and seen.country == "SN"
    api.set_member_company(other.id, None)
    db.session.commit()
    assert api.company_member_ids(made.id) == [user.id]
    assert db.session.query(Profile).filter_by(user_id=other.id).one().company_id is None


def test_personal_data_export_lists_the_identity_fields(app, make_user):
    from tremplin.core.accounts.gdpr.data import company_of

    made = api.create_company(name="Export Test", country="MA", registration_number="RC 9")
    user = make_user("identity.gdpr")
    api.set_member_company(user.id, made.id)
    db.session.commit()
    exported = company_of(user.id)
    assert exported is not None
    assert exported["registration_number"] == "RC 9"
    assert {"legal_form", "address", "postal_code", "year_founded", "size_band"} <= set(exported)
