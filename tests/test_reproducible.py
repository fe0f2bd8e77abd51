"""Reproducible output: two renders of the same inputs give byte-identical PDFs, and executed
notebooks that differ only in papermill's timing metadata; the PDF's date comes from the data,
not from the clock."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from analysis.report.context import source_date_epoch
from analysis.report.render import render_report

#: papermill's run-level timing keys (metadata.papermill).
TIMING_KEYS = ("start_time", "end_time", "duration")


def without_timing(path: Path) -> dict:
    """The executed notebook with papermill's timing metadata set aside.

    Removed: ``metadata.papermill.{start_time,end_time,duration}``, each cell's
    ``metadata.papermill`` (start/end/duration/status) and ``metadata.execution`` (the kernel's
    timestamps). Everything else, outputs included, is kept.
    """
    nb = copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))
    for key in TIMING_KEYS:
        nb["metadata"].get("papermill", {}).pop(key, None)
    for cell in nb["cells"]:
        cell["metadata"].pop("papermill", None)
        cell["metadata"].pop("execution", None)
    return nb


def test_without_timing_keeps_everything_else(tmp_path):
    nb = {
        "metadata": {"papermill": {"start_time": "t0", "end_time": "t1", "duration": 1.5,
                                   "parameters": {"lang": "vi"}}},
        "cells": [{"id": "c1", "metadata": {"papermill": {"duration": 0.1},
                                            "execution": {"iopub.status.busy": "t"},
                                            "tags": ["x"]},
                   "outputs": [{"data": {"text/plain": "1"}}]}],
    }
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb))
    assert without_timing(path) == {
        "metadata": {"papermill": {"parameters": {"lang": "vi"}}},
        "cells": [{"id": "c1", "metadata": {"tags": ["x"]},
                   "outputs": [{"data": {"text/plain": "1"}}]}],
    }


def test_source_date_epoch_comes_from_the_data_not_the_clock():
    # latest publication 2026-01 (a month: its first day) → 2026-01-01T00:00:00Z
    # = 56 years × 365 days + 14 leap days (1972…2024) = 20,454 days × 86,400 s = 1,767,225,600
    assert source_date_epoch(["2024-06-30", "2026-01", "2025"], environ={}) == 1_767_225_600
    # the environment's value wins, so that a build can be pinned to another date
    assert source_date_epoch(["2026-01"], environ={"SOURCE_DATE_EPOCH": "86400"}) == 86_400


@pytest.mark.slow
def test_two_renders_give_identical_bytes(tmp_path, monkeypatch):
    """Render the same report twice, each from its own folder into ``reports/`` as
    ``python -m analysis report`` does, and compare."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("FORCE_SOURCE_DATE", raising=False)
    pdfs = []
    for run in ("first", "second"):
        folder = tmp_path / run
        folder.mkdir()
        monkeypatch.chdir(folder)
        pdfs.append(folder / render_report(year=2025, lang="vi"))
    first, second = pdfs
    assert first.name == "lai-chau-2025-vi.pdf"
    assert first.read_bytes() == second.read_bytes()

    nb_first, nb_second = (p.with_suffix(".ipynb") for p in pdfs)
    assert nb_first.read_bytes() != nb_second.read_bytes()  # the timings do differ…
    assert without_timing(nb_first) == without_timing(nb_second)  # …and nothing else

    # The PDF is dated from the data: the latest `published` among the values the 2025 report
    # uses is 2026-01 (the 2025 annual figures), so 1 January 2026, whatever today is.
    info = PdfReader(first).metadata
    assert info["/CreationDate"].startswith("D:20260101000000")
