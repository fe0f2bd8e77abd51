"""The units table (``data/schema/units.csv``): what a value in each unit can be, and how it is
written and compared.

One row per unit (schema ``units.schema.json``): every unit of the indicators' controlled list,
and ``index_base_100``, the index of a level the assessment derives (base year = 100). Its
columns:

``lower_bound``
    ``positive``, ``non_negative`` or ``none``: the values the unit cannot take, whatever the
    indicator (:mod:`analysis.data.plausibility`, check 0);
``scale``
    ``percent`` (a per cent of something: written with ``%``, ``51,87%``), ``points``
    (percentage points: written with the unit's words, ``0,46 điểm %/năm``), ``amount`` (written
    with the unit's words, ``63.600 tỷ đồng``) or ``index`` (written bare, ``129,6``). Two values
    in a ``percent`` or ``points`` unit differ by percentage points (:func:`point_units`: the
    tolerance of "khoảng X", the gap to a target, the change since the year before); two values
    in the others by a per cent of the first;
``decimals``
    the most decimals the report shows of a value (``51,87%``, ``50,5%``, ``56%``);
``reason``
    why, in English.

The unit's words themselves are texts: the translation table's ``unit.<unit>``.

The table is data, not code: an economist who meets a real 0 in a unit marked ``positive``
changes its row, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis import SCHEMA_DIR
from analysis.data.schema import UNITS
from analysis.data.validate import load_resource, raise_if

#: The units table, beside the schemas.
UNITS_FILE = SCHEMA_DIR / f"{UNITS}.csv"
#: Values of ``scale``.
PERCENT, POINTS, AMOUNT, INDEX = "percent", "points", "amount", "index"
#: The scales whose values differ by percentage points.
POINT_SCALES = (PERCENT, POINTS)


@dataclass(frozen=True)
class Unit:
    """One row of the units table."""

    code: str
    lower_bound: str
    scale: str
    decimals: int


@cache
def load_units(path: Path | str | None = None) -> dict[str, Unit]:
    """The units table by unit (cached; default :data:`UNITS_FILE`).

    Raises
    ------
    InputError
        When the table breaks its schema (``units.schema.json``).
    """
    _, frame, problems = load_resource(Path(path or UNITS_FILE), UNITS)
    raise_if(problems)
    return {r.unit: Unit(r.unit, r.lower_bound, r.scale, int(r.decimals))
            for r in frame.itertuples(index=False)}


def unit_bounds() -> dict[str, str]:
    """Each unit's ``lower_bound`` (``positive``, ``non_negative``, ``none``)."""
    return {code: unit.lower_bound for code, unit in load_units().items()}


def decimals_by_unit() -> dict[str, int]:
    """The most decimals the report shows of a value, by unit."""
    return {code: unit.decimals for code, unit in load_units().items()}


def percent_units() -> tuple[str, ...]:
    """The units whose values are per cents, written with ``%`` (scale ``percent``)."""
    return tuple(code for code, unit in load_units().items() if unit.scale == PERCENT)


def point_units() -> tuple[str, ...]:
    """The units whose values differ by percentage points (scale ``percent`` or ``points``)."""
    return tuple(code for code, unit in load_units().items() if unit.scale in POINT_SCALES)
