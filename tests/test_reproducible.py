"""Reproducible output: two renders of the same inputs give byte-identical PDFs and Word
documents, and executed notebooks that differ only in papermill's timing metadata; the PDF's
date is the report date, a parameter (today by default), kept apart from the data's cut-off
date."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from analysis.report.parameters import ReportParameters, source_date_epoch
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


def test_source_date_epoch_is_the_report_date():
    # 2026-12-01T00:00:00Z = (56 × 365 + 14 leap days + 334 days of 2026) × 86,400 s
    # = 20,788 × 86,400 = 1,796,083,200
    assert source_date_epoch(dt.date(2026, 12, 1), environ={}) == 1_796_083_200
    # the environment's value wins, so that a build can be pinned to another stamp
    assert source_date_epoch(dt.date(2026, 12, 1), environ={"SOURCE_DATE_EPOCH": "86400"}) == 86_400


@pytest.mark.slow
def test_two_renders_give_identical_bytes(tmp_path, monkeypatch):
    """Render the same report three times, each from its own folder into ``reports/`` as
    ``python -m analysis report`` does, and compare: the PDF alone, then the PDF with the Word
    document, then the Word document alone. The two PDFs are the same bytes (making the Word
    document beside it changes nothing in the PDF), and so are the two Word documents."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("FORCE_SOURCE_DATE", raising=False)
    paths = []
    for run, output_format in (("first", "pdf"), ("second", "both"), ("third", "docx")):
        folder = tmp_path / run
        folder.mkdir()
        monkeypatch.chdir(folder)
        paths.append(folder / render_report(ReportParameters(assessment_year=2025, lang="vi",
                                                             report_date="2026-12-01",
                                                             output_format=output_format)))
    first, second, word = paths
    assert first.name == "26-ctr-tu-2025-vi.pdf" and word.name == "26-ctr-tu-2025-vi.docx"
    assert first.read_bytes() == second.read_bytes()
    assert second.with_suffix(".docx").read_bytes() == word.read_bytes()

    # a second PDF-only render, for its executed notebook
    (tmp_path / "fourth").mkdir()
    monkeypatch.chdir(tmp_path / "fourth")
    again = tmp_path / "fourth" / render_report(ReportParameters(assessment_year=2025, lang="vi",
                                                                 report_date="2026-12-01"))
    nb_first, nb_second = (p.with_suffix(".ipynb") for p in (first, again))
    assert nb_first.read_bytes() != nb_second.read_bytes()  # the timings do differ…
    assert without_timing(nb_first) == without_timing(nb_second)  # …and nothing else

    # The PDF is dated by the report date, and the title page prints both dates, labelled:
    # the report date and the data's cut-off (the latest `published` among the values used,
    # 2026-01-14 for the 2025 annual figures).
    info = PdfReader(first).metadata
    assert info["/CreationDate"].startswith("D:20261201000000")
    title = " ".join((PdfReader(first).pages[0].extract_text() or "").split())
    assert "Ngày lập báo cáo: 01/12/2026" in title
    assert "Số liệu cập nhật đến: 14/01/2026" in title
