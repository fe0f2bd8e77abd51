"""The chapters of the assessment report, for any programme; the notebook calls them in order.

The notebook types its parameters (:class:`ReportParameters`), builds the
:class:`~analysis.report.context.Report` with :func:`setup`, then calls each function here: it
takes the report and returns blocks (:mod:`analysis.report.document`) that :func:`show`
displays. Every sentence is generated from the numbers of the assessment and the translation
table; nothing here names a programme, a province or a particular target: the programme's
``chapters`` and ``growth_target`` say which targets get a chapter and which gets the
scenarios. What the chapters read about a target is in :mod:`analysis.report.queries`, the
sentences and cells they make of it in :mod:`analysis.report.chapters.base`.

=================  ===========================================================
module             chapters
=================  ===========================================================
``title``          title page and contents
``midyear``        (analysis.report.midyear) a year's first months, when only those exist
``summary``        executive summary
``status``         the status table of every target
``target``         a target's chapter by its kind; a group of shares
``growth``         the growth target: scenarios, band, levels, consistency
``others``         the targets without a chapter of their own
``tasks``          the tasks and key projects, due and overdue
``closing``        limitations, directions (the assessors' own), signature
``results``        the year-by-year table of every target (an annex)
``annexes``        methods, data, provenance
=================  ===========================================================
"""

from analysis.report.chapters.annexes import data_annex, methods_annex, provenance
from analysis.report.chapters.closing import closing_chapters
from analysis.report.chapters.others import other_targets
from analysis.report.chapters.results import results_table
from analysis.report.chapters.status import status_table
from analysis.report.chapters.summary import executive_summary
from analysis.report.chapters.target import chapter
from analysis.report.chapters.tasks import tasks_chapter
from analysis.report.chapters.title import title_page
from analysis.report.context import setup
from analysis.report.document import show
from analysis.report.midyear import chapter as midyear_chapter
from analysis.report.parameters import ReportParameters


def chapters(r) -> list:
    """The programme's own chapters, in the order ``programme.yaml`` gives them."""
    blocks: list = []
    for ch in r.programme.chapters:
        blocks += chapter(r, ch)
    return blocks


__all__ = ["ReportParameters", "setup", "show", "title_page", "executive_summary",
           "status_table", "chapter", "chapters", "midyear_chapter", "other_targets",
           "tasks_chapter", "closing_chapters", "methods_annex", "data_annex", "results_table",
           "provenance"]
