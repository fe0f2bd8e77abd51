"""Batch rendering: argument parsing, the parallel runner (with a stand-in renderer), the
summary, exit statuses, and one real batch with a broken year (slow)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from analysis import batch
from analysis.batch import Job, Outcome, RenderOptions
from analysis.cli import main as cli_main

# --- parsing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2023-2025", [2023, 2024, 2025]),
        ("2025", [2025]),
        ("2025,2023", [2023, 2025]),
        ("2021-2022, 2025", [2021, 2022, 2025]),
        ("2023-2024,2024", [2023, 2024]),  # a repeat counts once
    ],
)
def test_parse_years(text, years):
    assert batch.parse_years(text) == years


@pytest.mark.parametrize("text", ["", "2025-2023", "23-25", "2023..2025", "twenty", "2023-"])
def test_parse_years_rejects(text):
    with pytest.raises(ValueError):
        batch.parse_years(text)


def test_parse_languages():
    assert batch.parse_languages("vi,en") == ["vi", "en"]
    assert batch.parse_languages("en, vi ,en") == ["en", "vi"]
    for bad in ("", "fr", "vi,de"):
        with pytest.raises(ValueError):
            batch.parse_languages(bad)


def test_jobs_are_every_combination_years_outer():
    jobs = batch.jobs_for([2023, 2024, 2025], ["vi", "en"])
    assert len(jobs) == 6  # 3 years × 2 languages
    assert [j.filename for j in jobs[:3]] == [
        "26-ctr-tu-2023-vi.pdf", "26-ctr-tu-2023-en.pdf", "26-ctr-tu-2024-vi.pdf"]


def test_cli_usage_errors_exit_2(capsys):
    for argv in (["batch", "--years", "2025-2023"], ["batch", "--years", "2025", "--lang", "fr"],
                 ["batch", "--years", "2025", "--jobs", "0"], ["batch"]):
        with pytest.raises(SystemExit) as exc:
            cli_main(argv)
        assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "khoảng 2025-2023 kết thúc trước khi bắt đầu" in err  # Vietnamese by default
    assert "ngôn ngữ không được biết 'fr'" in err
    assert "thiếu các tham số bắt buộc: --years" in err
    with pytest.raises(SystemExit):
        cli_main(["batch", "--years", "2025-2023", "--lang", "en"])
    assert "the range 2025-2023 ends before it starts" in capsys.readouterr().err


# --- the parallel runner, with a stand-in renderer ----------------------------------------------


def _expected_pages(job: Job) -> int:
    """Pages the stand-in writes: year − 2020, plus 1 for English (so each count is known)."""
    return job.year - 2020 + (1 if job.lang == "en" else 0)


def fake_render(job: Job, options: RenderOptions) -> Path:
    """Stand-in for render_report: writes a blank PDF, fails for 2026, records its process."""
    if job.year == 2026:
        raise RuntimeError(f"no data for {job.year}")
    if job.year == 2027:
        from analysis.errors import InputError, Problem
        from analysis.messages import text

        raise InputError([Problem("actuals.csv", text("msg.year.no_annual"))])
    writer = PdfWriter()
    for _ in range(_expected_pages(job)):
        writer.add_blank_page(width=595, height=842)
    out = Path(options.out_dir) / job.filename
    with out.open("wb") as f:
        writer.write(f)
    (Path(options.out_dir) / f"{job.filename}.pid").write_text(str(os.getpid()))
    return out


def test_batch_renders_in_worker_processes_and_one_failure_stops_nothing(tmp_path):
    jobs = batch.jobs_for([2023, 2026, 2025], ["vi", "en"])
    outcomes = batch.run_batch(jobs, RenderOptions(out_dir=tmp_path), max_workers=2,
                               progress=False, render=fake_render)
    assert [o.job for o in outcomes] == jobs  # the order asked for, not the order finished
    assert [o.status for o in outcomes] == ["ok", "ok", "failed", "failed", "ok", "ok"]
    # pages: 2023 → 3 (vi), 4 (en); 2025 → 5 (vi), 6 (en)
    assert [o.pages for o in outcomes] == [3, 4, None, None, 5, 6]
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        "26-ctr-tu-2023-en.pdf", "26-ctr-tu-2023-vi.pdf", "26-ctr-tu-2025-en.pdf",
        "26-ctr-tu-2025-vi.pdf"]
    assert outcomes[2].reason == "RuntimeError: no data for 2026"
    assert outcomes[2].path == tmp_path / "26-ctr-tu-2026-vi.pdf"
    pids = {p.read_text() for p in tmp_path.glob("*.pid")}
    assert str(os.getpid()) not in pids  # rendered in worker processes, not here
    assert batch.exit_status(outcomes) == 1


def test_summary_table_and_failure_lines():
    outcomes = [
        Outcome(Job(2024, "vi"), Path("reports/26-ctr-tu-2024-vi.pdf"), "ok", 12.34, pages=31),
        Outcome(Job(2031, "vi"), Path("reports/26-ctr-tu-2031-vi.pdf"), "failed", 0.5,
                reason="1 problem in the input:\n  - no annual actual value", input_error=True),
    ]
    lines = batch.summary_table(outcomes, "en").splitlines()
    assert lines[0].split() == ["file", "pages", "seconds", "status"]
    assert lines[1].split() == ["reports/26-ctr-tu-2024-vi.pdf", "31", "12.3", "ok"]
    assert lines[2].split() == ["reports/26-ctr-tu-2031-vi.pdf", "–", "0.5", "failed"]
    assert batch.failure_lines(outcomes, "en") == [
        "26-ctr-tu-2031-vi.pdf: failed",
        "    1 problem in the input:",
        "      - no annual actual value",
    ]
    vi = batch.summary_table(outcomes, "vi").splitlines()
    assert vi[0].split() == ["tệp", "trang", "giây", "kết", "quả"]
    assert vi[2].split() == ["reports/26-ctr-tu-2031-vi.pdf", "–", "0.5", "lỗi"]
    assert batch.failure_lines(outcomes, "vi")[0] == "26-ctr-tu-2031-vi.pdf: lỗi"


def test_an_input_error_in_a_worker_is_printed_in_the_batch_language(tmp_path):
    jobs = batch.jobs_for([2027], ["vi"])
    for lang, words in (("vi", "lỗi trong dữ liệu đầu vào"), ("en", "problem in the input")):
        (outcome,) = batch.run_batch(jobs, RenderOptions(out_dir=tmp_path, messages_lang=lang),
                                     max_workers=1, progress=False, render=fake_render)
        assert outcome.input_error and words in outcome.reason


def test_exit_status():
    ok = Outcome(Job(2024, "vi"), Path("a.pdf"), "ok", 1.0, pages=1)
    bad_input = Outcome(Job(2031, "vi"), Path("b.pdf"), "failed", 1.0, input_error=True)
    bad_render = Outcome(Job(2025, "vi"), Path("c.pdf"), "failed", 1.0)
    assert batch.exit_status([ok, ok]) == 0
    assert batch.exit_status([ok, bad_input]) == 2  # only invalid input: as `report` does
    assert batch.exit_status([ok, bad_input, bad_render]) == 1
    assert batch.exit_status([]) == 0


def test_input_error_is_flagged(tmp_path):
    outcomes = batch.run_batch([Job(2027, "vi")], RenderOptions(out_dir=tmp_path),
                               max_workers=1, progress=False, render=fake_render)
    assert outcomes[0].input_error
    assert "không có số liệu cả năm nào" in outcomes[0].reason  # Vietnamese by default
    assert batch.exit_status(outcomes) == 2


# --- a real batch -------------------------------------------------------------------------------


@pytest.mark.slow
def test_real_batch_one_good_year_one_broken(tmp_path, capsys):
    """2025 renders; 2031 has no annual actuals: its reason is printed, exit status non-zero."""
    code = cli_main(["batch", "--years", "2025,2031", "--lang", "en", "--jobs", "2",
                     "--out", str(tmp_path), "--no-progress"])
    out, err = capsys.readouterr()
    assert code != 0
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["26-ctr-tu-2025-en.pdf"]
    assert (tmp_path / "26-ctr-tu-2025-en.ipynb").is_file()  # the executed notebook beside it
    pages = len(PdfReader(tmp_path / "26-ctr-tu-2025-en.pdf").pages)
    rows = {line.split()[0]: line.split() for line in out.splitlines()[1:]}
    assert rows[str(tmp_path / "26-ctr-tu-2025-en.pdf")][1] == str(pages)
    assert rows[str(tmp_path / "26-ctr-tu-2025-en.pdf")][3] == "ok"
    assert rows[str(tmp_path / "26-ctr-tu-2031-en.pdf")][1:4:2] == ["–", "failed"]
    assert "26-ctr-tu-2031-en.pdf: failed" in err
    assert "2031" in err.split("26-ctr-tu-2031-en.pdf: failed", 1)[1]  # the reason names the year
