"""pip-audit on the pinned dependencies of pyproject.toml (runtime and extras).

Fails on any known vulnerability. A package the vulnerability service cannot answer
for (an offline machine, a PyPI mirror without the per-release JSON API) is listed as
not audited, loudly, without failing the build: "could not ask" is not "vulnerable".
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*==\s*([^\s;,#]+)")


def pinned_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        specs.extend(extra)
    pins = {}
    for spec in specs:
        match = PIN.match(spec)
        if match:
            pins[match.group(1).lower()] = f"{match.group(1)}=={match.group(3)}"
    return sorted(pins.values())


def main() -> int:
    requirements = pinned_requirements()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(requirements) + "\n")
    command = [
        sys.executable, "-m", "pip_audit", "--requirement", handle.name,
        "--no-deps", "--disable-pip", "--progress-spinner", "off", "--format", "json",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    Path(handle.name).unlink(missing_ok=True)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stderr.strip() or result.stdout.strip(), file=sys.stderr)
        print("pip-audit: no report (see above); nothing was audited", file=sys.stderr)
        return 0 if "Connection" in result.stderr or "HTTP" in result.stderr else 1
    vulnerable, skipped, audited = [], [], 0
    for dependency in report.get("dependencies", []):
        if dependency.get("skip_reason"):
            skipped.append(f"{dependency['name']}: {dependency['skip_reason']}")
            continue
        audited += 1
        for vuln in dependency.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            vulnerable.append(
                f"{dependency['name']}=={dependency['version']}: {vuln['id']} (fixed in {fixed})"
            )
    print(f"pip-audit: {len(requirements)} pinned, {audited} audited, {len(skipped)} not audited")
    for line in skipped[:5]:
        print(f"  not audited: {line}")
    if skipped and not audited:
        print("  WARNING: the vulnerability service answered for no package from this machine")
    for line in vulnerable:
        print(f"  VULNERABLE {line}", file=sys.stderr)
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
