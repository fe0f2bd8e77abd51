"""The assessment report, as a PDF and as a Word document: notebook sections, the blocks they
are made of, LaTeX helpers, the Word writer, charts, translations, rendering.

:func:`render_report` is the whole route (validate, execute the notebook with papermill, export
with nbconvert's LaTeX exporter and the template in ``templates/lai-chau``, typeset with
xelatex; and/or write the .docx with python-docx, :mod:`analysis.report.word`);
``python -m analysis report`` wraps it. Importing this package is cheap: the heavy
modules load when a function needs them.
"""

from analysis.report.render import ReportError, render_report

__all__ = ["ReportError", "render_report"]
