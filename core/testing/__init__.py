"""Test helpers shipped with the package, so plugins' tests reuse them.

Enable with ``pytest -p tremplin.core.testing.fixtures`` (the project does in
pyproject.toml). Set ``TREMPLIN_TEST_DATABASE_URL`` to a PostgreSQL server URL
to run the suite on PostgreSQL; SQLite otherwise.
"""
