"""pyproject.toml, requirements.lock and environment.yml agree.

pyproject.toml holds the ranges; requirements.lock pins every package of the environment
(runtime, test extra, build system) to one version inside them, with hashes; environment.yml
(conda-forge) lists the same dependencies with the same bounds as pyproject, so the locked
versions satisfy it too.
"""

import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
#: The Python the lock is resolved for (make lock: uv pip compile --python-version).
LOCK_PYTHON = "3.11"
#: pyproject name -> conda-forge name where they differ (none today; add here when one does).
CONDA_NAME = {}
#: Conda-only entries that have no pyproject counterpart.
CONDA_ONLY = {"python", "pip"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


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


# ------------------------------------------------------------------ the lock (requirements.lock)


def _lock() -> dict[str, tuple[str, list[str]]]:
    """Package -> (version, sha256 hashes), read from the lock (pip's requirements format)."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")  # continuation lines
    pins: dict[str, tuple[str, list[str]]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)(.*)$", line)
        assert m, f"not an exact pin: {line[:80]}"
        name = _normalise(m.group(1))
        assert name not in pins, f"{name} pinned twice"
        pins[name] = (m.group(2), re.findall(r"--hash=sha256:([0-9a-f]{64})\b", m.group(3)))
    return pins


def _pyproject_requirements() -> list[Requirement]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = list(data["project"]["dependencies"])
    reqs += data["project"]["optional-dependencies"]["test"]
    reqs += data["build-system"]["requires"]
    return [Requirement(r) for r in reqs]


def test_lock_pins_every_package_exactly_with_hashes():
    pins = _lock()
    assert len(pins) > 50  # the whole environment, not only the direct dependencies
    unhashed = sorted(name for name, (_, hashes) in pins.items() if not hashes)
    assert not unhashed, f"pinned without a hash: {unhashed}"


def test_lock_names_no_local_index_or_file():
    text = LOCK.read_text(encoding="utf-8")
    for word in ("file://", "--index-url", "--extra-index-url", "--find-links", "-e ", "/opt/"):
        assert word not in text, f"{word!r} in requirements.lock: it must install from PyPI alone"


def test_every_pyproject_requirement_is_locked_inside_its_range():
    pins = _lock()
    problems = []
    for req in _pyproject_requirements():
        name = _normalise(req.name)
        if name not in pins:
            problems.append(f"{req} is not in requirements.lock (run: make lock)")
        elif not req.specifier.contains(pins[name][0], prereleases=True):
            problems.append(f"{req}: locked at {pins[name][0]}, outside the range (run: make lock)")
    assert not problems, "\n".join(problems)


def test_environment_yml_bounds_admit_the_locked_versions():
    pins = _lock()
    _, conda, _ = _environment()
    problems = []
    for name, spec in conda.items():
        if name == "python":
            locked = LOCK_PYTHON
        elif name in CONDA_ONLY:
            continue
        else:
            locked = pins[{v: k for k, v in CONDA_NAME.items()}.get(name, name)][0]
        if not Requirement(f"x{spec}").specifier.contains(locked, prereleases=True):
            problems.append(f"environment.yml {name}{spec} excludes the locked {locked}")
    assert not problems, "\n".join(problems)


def test_lock_python_satisfies_requires_python():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert Requirement(f"python{data['project']['requires-python']}").specifier.contains(
        LOCK_PYTHON)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"--python-version {LOCK_PYTHON} --python-platform linux" in makefile


@pytest.mark.skipif(Path(sys.prefix).resolve() != (ROOT / ".venv").resolve()
                    or not (ROOT / ".venv" / ".installed-stamp").is_file(),
                    reason="runs in the project's .venv made by make (installed from the lock)")
def test_installed_environment_is_the_lock():
    problems = []
    for name, (locked, _) in _lock().items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            problems.append(f"{name}=={locked} is not installed")
            continue
        if Version(installed) != Version(locked):
            problems.append(f"{name}: installed {installed}, locked {locked}")
    assert not problems, "\n".join(problems)
