"""No province in the engine: no indicator id, no year and no name of a shipped province
appears in ``src/analysis/engine/`` (what is a province's is data: the roles of its
``indicators.csv`` and the ``assessment:`` block of its programmes, ``analysis.roles``).

The ids and years are read from the shipped data here, so a new indicator or a new year of
data is covered without editing the test.
"""

from __future__ import annotations

import csv
import re

import yaml
from support import ROOT

ENGINE = ROOT / "src" / "analysis" / "engine"
PROVINCES = ROOT / "data" / "provinces"
PROGRAMMES = ROOT / "data" / "programmes"


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def province_words() -> set[str]:
    """Every indicator id, every year and every name of the shipped provinces and programmes."""
    words = set()
    for folder in PROVINCES.iterdir():
        words.add(folder.name)
        words |= {r["indicator_id"] for r in _rows(folder / "indicators.csv")}
        for r in _rows(folder / "actuals.csv"):
            words |= set(re.findall(r"\d{4}", r["period"]))
    for file in PROGRAMMES.glob("*/programme.yaml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        words |= {str(data["base_year"]), str(data["target_year"]), data["id"]}
        words |= {data["province"]["vi"], data["province"]["en"]}
        words |= {str(v) for v in (data.get("assessment") or {}).values()}
        words |= {r["target_id"] for r in _rows(file.parent / "targets.csv")}
    return words


def test_the_engine_names_no_indicator_year_or_province():
    words = province_words()
    assert {"grdp_growth_pct", "population_persons", "2011", "2030", "Lai Châu"} <= words
    found = []
    for path in sorted(ENGINE.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for word in words:
            for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", source):
                line = source.count("\n", 0, m.start()) + 1
                found.append(f"{path.name}:{line}: {word}")
    assert not found, "\n".join(sorted(found))
