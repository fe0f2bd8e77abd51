"""The table schemas of ``data/schema``: the columns, types and allowed values of each resource.

The Frictionless table schemas ``data/schema/<resource>.schema.json`` (which the descriptors
``datapackage.json`` of every province and programme folder point to) are the single source of
truth for the columns of every table the product reads. This module only reads them; applying
one to the cells of a table is :mod:`analysis.data.validate`.
"""

from __future__ import annotations

import json
from functools import cache

from analysis import SCHEMA_DIR

#: File name of a resource's table schema: ``<resource>.schema.json``.
TABLE_SCHEMA_SUFFIX = ".schema.json"
#: The resources: each has a table schema, and a workbook's sheet of its name is read for it.
INDICATORS, TARGETS, REFERENCE_VALUES, ACTUALS = (
    "indicators", "targets", "reference_values", "actuals")
TASKS, TASK_PROGRESS = "tasks", "task_progress"
#: The tables of rules kept beside the schemas (``data/schema/<resource>.csv``).
UNITS, SOURCE_TIERS = "units", "source_tiers"


@cache
def resource_schema(name: str) -> dict:
    """The table schema of resource ``name``: ``data/schema/<name>.schema.json`` (cached).

    Parameters
    ----------
    name : {"indicators", "targets", "reference_values", "actuals", "tasks", "task_progress",
            "units", "source_tiers"}

    Returns
    -------
    dict
        The schema (``fields``, ``primaryKey``, ``foreignKeys``).

    Raises
    ------
    KeyError
        When there is no such schema.
    """
    path = SCHEMA_DIR / f"{name}{TABLE_SCHEMA_SUFFIX}"
    if not path.is_file():
        raise KeyError(name)
    return json.loads(path.read_text(encoding="utf-8"))


def field_enum(resource: str, name: str) -> list[str]:
    """Return the allowed values of field ``name`` of ``resource`` (empty string excluded)."""
    for spec in resource_schema(resource)["fields"]:
        if spec["name"] == name:
            return [v for v in spec.get("constraints", {}).get("enum", []) if v != ""]
    raise KeyError(name)


def field_names(resource: str) -> list[str]:
    """Column names of ``resource`` in schema order."""
    return [spec["name"] for spec in resource_schema(resource)["fields"]]


def required_fields(resource: str) -> tuple[str, ...]:
    """The columns of ``resource`` every row must fill (``required`` in the schema)."""
    return tuple(f["name"] for f in resource_schema(resource)["fields"]
                 if f.get("constraints", {}).get("required"))
