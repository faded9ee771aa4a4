"""Every directory page as every persona: no server error, nothing the rules refuse
(``urlwalk``), and the migration matches the models."""

from __future__ import annotations

from tremplin.core.api import db
from tremplin.core.testing.urlwalk import assert_no_findings, make_personas, walk
from tremplin.plugins.directory import experts, media

from .fixtures import CONFIG_OVERRIDES, EXTRA_PLUGINS, add_company  # noqa: F401


def test_no_persona_reaches_what_the_rules_refuse(app, make_user):
    personas = make_personas(make_user, prefix="dirwalk")
    members_only = add_company("Walk Membres")
    verified_only = add_company("Walk Vérifiés", visibility={"profile": "verified"})
    video = media.add_video(members_only, "https://vimeo.com/76979871", "Film")
    expert_user = make_user("dirwalk.expert", roles=["Expert"], mfa=False)
    experts.save(
        expert_user.id,
        {"headline": "Walk", "expertise": ["x"], "visibility": {"profile": "verified"}},
    )
    db.session.commit()
    samples = {
        "company_id": [members_only, verified_only, 999999],
        "media_id": [video.id, 999999],
        "user_id": [expert_user.id, 999999],
    }
    assert_no_findings(walk(app, personas, samples))


def test_the_migration_matches_the_models(app):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    def ours(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
        return (table or "").startswith("directory_")

    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": ours, "compare_type": True}
        )
        assert compare_metadata(context, db.metadata) == []
