"""The PDF assessment report: notebook sections, LaTeX helpers, charts, translations, rendering.

:func:`render_report` is the whole route (validate, execute the notebook with papermill, export
with nbconvert's LaTeX exporter and the template in ``templates/lai-chau``, typeset with
xelatex); ``python -m analysis report`` wraps it. Importing this package is cheap: the heavy
modules load when a function needs them.
"""

from analysis.report.render import ReportError, render_report

__all__ = ["ReportError", "render_report"]
