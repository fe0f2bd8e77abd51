"""The scenario explorer: try growth assumptions in Jupyter (:mod:`analysis.explorer.view`)."""

from analysis.explorer.view import Explorer, load_default_dataset, scenario_slug

__all__ = ["Explorer", "load_default_dataset", "scenario_slug"]
