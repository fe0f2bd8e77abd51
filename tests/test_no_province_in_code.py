"""No province in the code.

- The engine names no indicator id, no year and no name of a shipped province
  (``src/analysis/engine/``; what is a province's is data: the roles of its ``indicators.csv``
  and the ``assessment:`` block of its programmes, ``analysis.roles``).
- No file of the product outside ``data/`` (the package, its templates and translations, the
  notebooks, the build and environment files) names a shipped province, by its name in any
  language, with or without its accents, or by its folder's name: the distribution, the report's
  template and the notebooks are a province's only through the data they are given.

The ids and years are read from the shipped data here, so a new indicator or a new year of
data is covered without editing the test.
"""

from __future__ import annotations

import csv
import re
import unicodedata

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


#: The files of the product that are code, not data (tests may name the shipped data they test).
PRODUCT_FILES = ("src/analysis/**/*", "notebooks/*.ipynb", "pyproject.toml", "environment.yml",
                 "Makefile", ".ci/*")


def _plain(text: str) -> str:
    """``text`` lower-case without accents and with any run of spaces, hyphens or underscores
    as one space: "Lai Châu", "lai-chau" and "LAI_CHAU" all read "lai chau"."""
    letters = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in letters if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s_-]+", " ", bare)


def province_names() -> set[str]:
    """The shipped provinces' folder names and their names in every language, plain."""
    names = {_plain(folder.name) for folder in PROVINCES.iterdir()}
    for file in PROGRAMMES.glob("*/programme.yaml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        names |= {_plain(v) for v in data["province"].values()}
    return names


def test_no_product_file_names_a_province():
    names = province_names()
    assert "lai chau" in names
    files = sorted({p for pattern in PRODUCT_FILES for p in ROOT.glob(pattern) if p.is_file()
                    and "__pycache__" not in p.parts})
    assert any(p.name == "index.tex.j2" for p in files) and len(files) > 50
    found = []
    for path in files:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        for n, line in enumerate(lines, 1):
            plain = _plain(line)
            found += [f"{path.relative_to(ROOT)}:{n}: {name}" for name in names
                      if re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", plain)]
    assert not found, "\n".join(found)
