"""Assessment of a province's progress towards the targets of its programmes and plans (the
default programme and every other one are folders of ``data/programmes``).

The package is laid out in the order the data flow through it:

- `analysis.data`: reading and validating the inputs (loaders, numbers typed the Vietnamese way,
  the choice among conflicting values, coverage, the Excel workbook, custom scenarios);
- `analysis.engine`: the assessment (projections, progress classes, uncertainty, consistency);
- the outputs: `analysis.report` (the PDF), `analysis.explorer` (scenarios in Jupyter),
  `analysis.batch` (many reports at once) and `analysis.cli` (the command line).
"""

from pathlib import Path

__version__ = "0.1.0"

#: Root of the repository when the package is installed in development mode (``pip install -e``).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
#: Default location of the shipped data.
DATA_DIR = PROJECT_ROOT / "data"
#: The data contract: the table schemas (``<resource>.schema.json``), the JSON Schemas of the
#: YAML files (``<name>.yaml.schema.json``) and the tables of rules read as data (the units,
#: the source tiers).
SCHEMA_DIR = DATA_DIR / "schema"
#: The example custom scenarios (the programmes' and provinces' files are named by
#: ``data/programmes/<id>/programme.yaml``).
DEFAULT_SCENARIOS = DATA_DIR / "scenarios" / "custom-scenarios.yaml"
