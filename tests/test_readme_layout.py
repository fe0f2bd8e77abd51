"""The README's layout section names every module of the data layer, of the report and every
top-level module of the package: a newcomer looks there first for where a rule lives.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "analysis"


def _layout() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Layout")
    block = readme[readme.index("```", start) + 3:]
    return set(re.findall(r"[a-z0-9_]+", block[:block.index("```")]))


def test_every_data_and_report_module_and_top_level_module_is_in_the_layout():
    named = _layout()
    modules = [*sorted((PACKAGE / "data").glob("*.py")), *sorted((PACKAGE / "report").glob("*.py")),
               *sorted(PACKAGE.glob("*.py"))]
    missing = [str(p.relative_to(PACKAGE)) for p in modules
               if p.stem not in ("__init__", "__main__") and p.stem not in named]
    assert not missing, missing
