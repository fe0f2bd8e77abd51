"""What a fresh process loads (no timings here: speed is measured in benchmarks/pipeline.py).

``--help`` and ``check`` import no notebook machinery; the command line keeps jsonschema's
slow optional "iri" checker (``rfc3987_syntax``) out of its process; the kernel started early
for a render is stopped, and its folder removed, when the render does not need it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile

import psutil
import pytest

from analysis import PROJECT_ROOT
from analysis.errors import InputError
from analysis.report import kernel as kernel_module
from analysis.report import render as render_module
from analysis.report.parameters import ReportParameters

#: Top-level packages of the notebook route (executing, converting, validating notebooks).
#: (jsonschema is not among them: ``check`` validates programme.yaml with it,
#: analysis.yaml_schema.)
NOTEBOOK_MACHINERY = {"papermill", "nbconvert", "nbformat", "nbclient", "jupyter_client",
                      "jupyter_core", "ipykernel", "IPython", "zmq"}


def _imports(*args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run ``python -X importtime -m analysis ARGS``; the process and the modules it imported."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "analysis", *args],
                          capture_output=True, text=True, cwd=PROJECT_ROOT, check=False)
    names = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines()
             if line.startswith("import time:") and line.count("|") == 2}
    return proc, names


@pytest.mark.parametrize("args", [("--help",), ("check",)])
def test_help_and_check_import_no_notebook_machinery(args):
    proc, names = _imports(*args)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "analysis.cli" in names  # the list is real
    loaded = sorted({n.split(".")[0] for n in names} & NOTEBOOK_MACHINERY)
    assert not loaded, f"python -m analysis {' '.join(args)} imported {loaded}"


def test_command_line_keeps_the_iri_checker_out_and_notebooks_still_validate():
    code = (
        "import sys\n"
        "from analysis.__main__ import skip_unused_imports\n"
        "skip_unused_imports()\n"
        "import jsonschema, nbformat\n"
        "nb = nbformat.read(sys.argv[1], as_version=4)\n"
        "nbformat.validate(nb)\n"
        "assert sys.modules['rfc3987_syntax'] is None\n"
        "print(len(nb.cells))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code,
                           str(PROJECT_ROOT / "notebooks" / "assessment.ipynb")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert int(proc.stdout) > 5


@pytest.mark.slow
def test_a_report_from_the_command_line_never_imports_the_iri_checker(tmp_path):
    proc, names = _imports("report", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "papermill" in names and "nbconvert" in names  # the route ran in this process
    # (-X importtime lists the refused attempt at rfc3987_syntax itself, in microseconds)
    assert "rfc3987_syntax.syntax_helpers" not in names and "lark" not in names
    assert (tmp_path / proc.stdout.strip().splitlines()[-1]).is_file()


def _kernels() -> set[int]:
    """Kernel processes (ipykernel) among this process's children."""
    out = set()
    for child in psutil.Process().children(recursive=True):
        try:
            if child.is_running() and child.status() != psutil.STATUS_ZOMBIE and any(
                    "ipykernel" in part for part in child.cmdline()):
                out.add(child.pid)
        except psutil.NoSuchProcess:
            pass
    return out


@pytest.mark.slow
def test_invalid_input_stops_the_kernel_started_for_the_render(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    before = _kernels()
    with pytest.raises(InputError):
        render_module.render_report(ReportParameters(actuals_path=tmp_path / "no-such-file.csv"),
                                    out_dir=tmp_path)
    assert _kernels() - before == set(), "a kernel was left running"
    assert list((tmp_path / "tmp").iterdir()) == [], "the render's folder was left behind"


@pytest.mark.slow
def test_kernel_is_stopped_and_its_folder_removed_when_unused(tmp_path):
    kernel = kernel_module.Kernel(render_module.NOTEBOOK)
    pid = kernel.manager.provisioner.process.pid
    assert pid in _kernels() and kernel.work.is_dir()
    kernel.close()
    kernel.close()  # a second close does nothing
    assert pid not in _kernels() and not kernel.work.exists()
