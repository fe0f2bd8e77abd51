"""What a province's indicators are for: the roles declared in its ``indicators.csv``.

The engine computes the same things for every province (the levels of the target year, the
consistency of the level targets with the growth target, the structure of GRDP adding up to
100 %, a growth rate read from its level series where the rates stop), but each province names
its series its own way. So no indicator id is written in the code: three columns of the
province's ``indicators.csv`` (declared in ``data/schema/indicators.schema.json``) say which
indicator plays which part:

``role``
    at most one indicator each:

    - ``grdp_growth``: the real GRDP growth rate (% a year), the series a custom scenario
      projects when the programme has no growth target;
    - ``grdp_nominal``: GRDP at current prices (the level the nominal consistency check reads);
    - ``grdp_per_capita``: GRDP per capita at current prices;
    - ``population``: the population (persons);

    and, for any number of indicators, ``grdp_share``: a share of GRDP that is a part of one
    or more structures of GRDP (next column).
``grdp_structures``
    for a ``grdp_share``, the structures of GRDP it is a part of, separated by ``;``
    (``four_parts;three_parts``): the parts of one structure add up to 100 % of GRDP
    (:mod:`analysis.data.plausibility`).
``level_series``
    for a growth-rate indicator, the level indicator whose consecutive annual values give its
    growth where the rate series has none (same price basis), and from which a growth target
    is read when the chain of rates breaks earlier (:mod:`analysis.engine.assess`).

:func:`roles_of` turns the validated indicator table into :class:`IndicatorRoles`;
:func:`check_roles` (called by the loader) reports a wrong role, a role given twice, a
structure on an indicator that is not a share, or a level series that is not a level indicator
of the file, each naming the file, the row and the column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from analysis.data.measures import GROWTH_RATE, LEVEL, SHARE
from analysis.errors import Problem
from analysis.messages import text

#: The roles held by at most one indicator of a province (the names of the role column).
GRDP_GROWTH, GRDP_NOMINAL, GRDP_PER_CAPITA, POPULATION = (
    "grdp_growth", "grdp_nominal", "grdp_per_capita", "population")
#: Those roles, and the measure each needs.
SINGLE_ROLES: Mapping[str, str] = {
    GRDP_GROWTH: GROWTH_RATE,
    GRDP_NOMINAL: LEVEL,
    GRDP_PER_CAPITA: LEVEL,
    POPULATION: LEVEL,
}
#: The role of a share of GRDP that is a part of a structure (its indicator's measure: share).
SHARE_ROLE = "grdp_share"
#: Columns of the indicators file that declare the roles.
ROLE_COLUMN, STRUCTURES_COLUMN, LEVEL_SERIES_COLUMN = "role", "grdp_structures", "level_series"
#: Separator of the structures in one cell.
STRUCTURE_SEPARATOR = ";"


@dataclass(frozen=True)
class IndicatorRoles:
    """The indicator ids of a province by role (None or empty where it has none)."""

    grdp_growth: str | None = None
    grdp_nominal: str | None = None
    grdp_per_capita: str | None = None
    population: str | None = None
    #: Structure name -> the shares of GRDP that are its parts, in file order.
    structures: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Growth-rate indicator -> the level indicator its growth can be read from.
    level_series: Mapping[str, str] = field(default_factory=dict)


#: No roles at all (tables given without an indicator catalogue).
NO_ROLES = IndicatorRoles()


def _cell(record: Mapping, column: str) -> str:
    value = record.get(column)
    return value.strip() if isinstance(value, str) else ""


def structures_in(cell: str) -> list[str]:
    """The structure names of one ``grdp_structures`` cell."""
    return [s.strip() for s in cell.split(STRUCTURE_SEPARATOR) if s.strip()]


def roles_of(indicators) -> IndicatorRoles:
    """The roles declared in an indicator table (a DataFrame or a list of records).

    Without the role columns (an older file, a table of a test) the province has no roles:
    nothing is derived from GRDP or population, and no growth is read from a level series.
    """
    if indicators is None:
        return NO_ROLES
    records = indicators.to_dict("records") if hasattr(indicators, "to_dict") else indicators
    single: dict[str, str] = {}
    structures: dict[str, list[str]] = {}
    levels: dict[str, str] = {}
    for record in records:
        ind, role = _cell(record, "indicator_id"), _cell(record, ROLE_COLUMN)
        if role in SINGLE_ROLES:
            single.setdefault(role, ind)
        if role == SHARE_ROLE:
            for name in structures_in(_cell(record, STRUCTURES_COLUMN)):
                structures.setdefault(name, []).append(ind)
        if _cell(record, LEVEL_SERIES_COLUMN):
            levels[ind] = _cell(record, LEVEL_SERIES_COLUMN)
    return IndicatorRoles(**single, structures={k: tuple(v) for k, v in structures.items()},
                          level_series=levels)


def check_roles(frame, where, problems: list) -> None:
    """Append a :class:`~analysis.errors.Problem` for every inconsistent role cell.

    ``frame`` is the indicator table as the loader typed it (with ``source_row``); ``where``
    maps a row and a column to the location keywords of a problem (file, sheet, row, cell).
    """
    if ROLE_COLUMN not in frame.columns:
        return
    measures = dict(zip(frame["indicator_id"], frame["measure"], strict=True))
    first: dict[str, int] = {}
    for record in frame.to_dict("records"):
        row, ind = int(record["source_row"]), record["indicator_id"]
        role, measure = _cell(record, ROLE_COLUMN), record["measure"]
        needed = SINGLE_ROLES.get(role, SHARE if role == SHARE_ROLE else None)
        if needed and measure != needed:
            problems.append(Problem(**where(row, "measure"), message=text(
                "msg.role.measure", role=role), found=measure, expected=needed))
        if role in SINGLE_ROLES:
            if role in first:
                problems.append(Problem(**where(row, ROLE_COLUMN), message=text(
                    "msg.role.twice", first=first[role]), found=role,
                    expected=text("msg.role.twice.expected")))
            first.setdefault(role, row)
        names = structures_in(_cell(record, STRUCTURES_COLUMN))
        if (role == SHARE_ROLE) != bool(names):
            problems.append(Problem(**where(row, STRUCTURES_COLUMN),
                                    message=text("msg.role.structures", role=SHARE_ROLE),
                                    found=_cell(record, STRUCTURES_COLUMN) or role,
                                    expected=text("msg.role.structures.expected",
                                                  role=SHARE_ROLE)))
        level = _cell(record, LEVEL_SERIES_COLUMN)
        if level and (measure != GROWTH_RATE or measures.get(level) != LEVEL
                      or level == ind):
            problems.append(Problem(**where(row, LEVEL_SERIES_COLUMN),
                                    message=text("msg.role.level_series"), found=level,
                                    expected=text("msg.role.level_series.expected")))
