"""environment.yml (conda-forge) lists the same dependencies, with the same bounds, as pyproject."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
#: pyproject name -> conda-forge name where they differ (none today; add here when one does).
CONDA_NAME = {}
#: Conda-only entries that have no pyproject counterpart.
CONDA_ONLY = {"python", "pip"}


def _split(requirement: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert m, requirement
    name = re.sub(r"[-_.]+", "-", m.group(1)).lower()
    return name, m.group(2).replace(" ", "")


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = list(data["project"]["dependencies"])
    reqs += data["project"]["optional-dependencies"]["test"]
    out = {}
    for r in reqs:
        name, spec = _split(r.split(";")[0])
        out[CONDA_NAME.get(name, name)] = spec
    return out


def _environment() -> tuple[dict, dict[str, str], list]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip += dep.get("pip", [])
            continue
        name, spec = _split(dep)
        conda[name] = spec
    return env, conda, pip


def test_channel_is_conda_forge():
    env, _, _ = _environment()
    assert env["channels"][0] == "conda-forge"


def test_every_pyproject_dependency_is_in_environment_with_the_same_bound():
    _, conda, _ = _environment()
    problems = []
    for name, spec in _pyproject().items():
        if name not in conda:
            problems.append(f"{name}{spec} missing from environment.yml")
        elif conda[name] != spec:
            problems.append(f"{name}: pyproject {spec!r}, environment.yml {conda[name]!r}")
    assert not problems, "\n".join(problems)


def test_environment_has_nothing_pyproject_lacks():
    _, conda, _ = _environment()
    extra = set(conda) - set(_pyproject()) - CONDA_ONLY
    assert not extra, f"in environment.yml but not in pyproject.toml: {sorted(extra)}"


def test_python_bound_matches_requires_python():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    _, conda, _ = _environment()
    assert conda["python"] == data["project"]["requires-python"].replace(" ", "")


def test_project_itself_is_installed_from_the_checkout():
    _, _, pip = _environment()
    assert pip == ["--editable ."]
