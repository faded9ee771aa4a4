"""``tremplin db``: upgrade, current, downgrade, and ``check`` seeing late migrations."""

from __future__ import annotations


def test_upgrade_current_downgrade_and_check(invoke_fresh):
    before = invoke_fresh("db", "current")
    assert before.exit_code == 0, before.output
    assert "non" in before.output
    late = invoke_fresh("check")
    assert late.exit_code == 1
    assert "migrations en retard" in late.output
    upgraded = invoke_fresh("db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    current = invoke_fresh("db", "current")
    assert "core" in current.output and "pages" in current.output
    assert " non " not in current.output
    assert invoke_fresh("check").exit_code == 0
    down = invoke_fresh("db", "downgrade", "pages", "base")
    assert down.exit_code == 0, down.output
    after = invoke_fresh("check")
    assert after.exit_code == 1
    assert "migrations en retard : pages" in after.output
    assert invoke_fresh("db", "upgrade").exit_code == 0
    assert invoke_fresh("check").exit_code == 0


def test_downgrade_of_unknown_component_is_one_line(invoke):
    result = invoke("db", "downgrade", "nope")
    assert result.exit_code == 1
    assert "unknown component 'nope'" in result.output
    assert result.output.count("\n") == 1
