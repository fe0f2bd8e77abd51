"""Hostile text put into every text field of a programme's inputs (tests/test_literal_text.py).

:func:`hostile_inputs` copies the default programme and its province's data into a folder and
puts the strings of :data:`HOSTILE` into every kind of text a user types: the programme's
title, short title (the documents' title property), issuer and a chapter title; targets' names
and wordings; indicators' names; tasks; the actuals' source titles and quotes; a custom
scenario's labels and note; the commentary's front matter (issuer, number, place, signer,
recipients) and its chapters.
"""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from support import PROGRAMME_DIR, PROVINCE_DIR, cli

TEX_FRAC = r"$\frac{a}{b}$"
TEX_INPUT = r"$\input{/etc/hostname}$"
PRICE = "Giá $100 đến $200 mỗi tấn"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HYPERLINK = '=HYPERLINK("http://x"&A1)'
CMD = "=cmd|' /C calc'!A0"
AT_SUM = "@SUM(1)"
EMOJI = "\U0001F600"  # 😀
CJK = "中文字符"
#: A word of 400 characters without a space.
LONG_WORD = "ABCDEFGHIJ" * 40
#: The short hostile strings, each typed into every text field.
HOSTILE = (TEX_FRAC, TEX_INPUT, PRICE, SCRIPT, IMG, HYPERLINK, CMD, AT_SUM, EMOJI, CJK)
TEXT = " ".join(HOSTILE)


def label_95() -> str:
    """A scenario label of 95 characters holding mathtext, a price, HTML and an emoji."""
    label = f"Kịch bản {TEX_INPUT} {PRICE} {SCRIPT} {EMOJI}"
    while len(label) < 95:
        label += " x"
    return label[:95]


LABEL_95 = label_95()
assert len(LABEL_95) == 95

#: Targets whose names and wordings get the hostile text (the growth target, a share of the
#: structure chapter, a target with its own chapter, one of the other targets).
TARGETS = ("grdp_growth_pct_per_year", "agriculture_share_pct_of_grdp", "tourist_arrivals",
           "forest_cover_pct")
#: Indicators whose names get the hostile text.
INDICATORS = ("grdp_growth_pct", "tourist_arrivals", "forest_cover_pct",
              "agriculture_share_pct_of_grdp")


@dataclass(frozen=True)
class Inputs:
    """The files of a hostile programme."""

    programme: Path
    province: Path
    scenarios: Path
    commentary: Path
    meta: dict
    chapters: dict


def _rewrite_csv(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        header = list(rows[0])
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def hostile_inputs(folder: Path) -> Inputs:
    """Write the hostile programme, province data, scenarios and commentary under ``folder``."""
    province = folder / "provinces" / "lai-chau"
    programme = folder / "programmes" / PROGRAMME_DIR.name
    shutil.copytree(PROVINCE_DIR, province)
    shutil.copytree(PROGRAMME_DIR, programme)

    def indicators(row):
        if row["indicator_id"] in INDICATORS:
            row["name_vi"] += " " + TEXT
            row["name_en"] += " " + TEXT

    def actuals(row):
        if row["indicator_id"] in ("grdp_growth_pct", "tourist_arrivals"):
            row["source_title"] = f"{HYPERLINK} {CMD} {AT_SUM} {TEXT}"
            row["quote"] = f"{LONG_WORD} {TEXT}"

    def targets(row):
        if row["target_id"] in TARGETS:
            row["name_vi"] += " " + TEXT
            row["name_en"] += " " + TEXT
            row["text_vi"] += " " + TEXT
        if row["target_id"] == "forest_cover_pct":
            row["name_vi"] += " " + LONG_WORD

    def tasks(row):
        if row["task_id"] == "t01_disseminate_resolution":
            row["text_vi"] += " " + TEXT
            row["text_en"] += " " + TEXT
            row["lead_unit_vi"] += " " + LONG_WORD

    _rewrite_csv(province / "indicators.csv", indicators)
    _rewrite_csv(province / "actuals.csv", actuals)
    _rewrite_csv(programme / "targets.csv", targets)
    _rewrite_csv(programme / "tasks.csv", tasks)
    yaml_file = programme / "programme.yaml"
    data = yaml.safe_load(yaml_file.read_text(encoding="utf-8"))
    for key in ("title", "short_title", "issuer"):
        data[key] = {"vi": f"{data[key]['vi']} {TEXT}", "en": f"{data[key]['en']} {TEXT}"}
    for chapter in data["chapters"]:
        if isinstance(chapter, dict) and chapter.get("title"):
            chapter["title"] = {lang: f"{t} {TEXT}" for lang, t in chapter["title"].items()}
    yaml_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                         encoding="utf-8")
    # the edited title makes the copied datapackage.json stale: generate it, as a user would
    code, _, err = cli(["datapackage", "--programme", str(programme)])
    assert code == 0, err
    scenarios = folder / "scenarios.yaml"
    scenarios.write_text(yaml.safe_dump({"version": 1, "scenarios": {"hostile": {
        "label_vi": LABEL_95, "label_en": LABEL_95, "note": TEXT,
        "growth_pct": {2026: 12, 2027: 11, 2028: 10, 2029: 10, 2030: 10}}}},
        allow_unicode=True, sort_keys=False), encoding="utf-8")
    meta = {"issuer": TEXT, "number": IMG, "place": PRICE, "signer_authority": SCRIPT,
            "signer_title": HYPERLINK, "signer_name": CMD, "recipients": [*HOSTILE, LONG_WORD]}
    from analysis.data.commentary import CHAPTER_PREFIX, valid_keys
    from analysis.programme import load_programme

    prog = load_programme(programme)
    # every chapter has its text (the report is not a draft: the head and signature print)
    chapters = {key: f"{TEXT} **{PRICE}**" for key in valid_keys(prog, prog.target_ids())
                if key.startswith(CHAPTER_PREFIX)}
    chapters.update({"chapter: summary": f"{TEXT}\n\n{LONG_WORD}",
                     "chapter: limitations": f"- {SCRIPT}\n- {IMG}\n- {TEX_INPUT}",
                     "chapter: directions": f"{PRICE} {HYPERLINK} {CMD} {AT_SUM}",
                     "grdp_growth_pct_per_year": TEXT})
    commentary = folder / "2025.vi.md"
    commentary.write_text(
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
        + "".join(f"## {key}\n{body}\n\n" for key, body in chapters.items()), encoding="utf-8")
    return Inputs(programme, province, scenarios, commentary, meta, chapters)
