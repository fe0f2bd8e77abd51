"""The title page: province, programme, assessment year, the two dates; then the contents."""

from __future__ import annotations

import html

from analysis.report.context import Published, Report
from analysis.report.document import RawLatex
from analysis.report.latex import escape


def report_date_text(r: Report) -> str:
    """The report date (the ``report_date`` parameter) in the report's language."""
    d = r.report_date
    return Published(d.year, d.month, d.day).format(r.lang)


def title_page(r: Report) -> list:
    """Title page (no page number), the names of floats in the language, table of contents."""
    e = escape
    rendered = report_date_text(r)
    cutoff = r.cutoff.format(r.lang) if r.cutoff else r.t("value.missing")
    no_hyphen = r"\hyphenpenalty=10000 \exhyphenpenalty=10000" if r.lang == "vi" else ""
    kind = "doc.title.final" if r.final_review else "doc.title"
    tex = rf"""
\renewcommand{{\contentsname}}{{{e(r.t("doc.contents"))}}}
\renewcommand{{\figurename}}{{{e(r.t("doc.figure"))}}}
\renewcommand{{\tablename}}{{{e(r.t("doc.table"))}}}
{no_hyphen}
\begin{{titlepage}}
\thispagestyle{{empty}}
\centering
{{\large\bfseries {e(r.t("doc.province")).upper()}\par}}
\vspace*{{40mm}}
{{\LARGE\bfseries {e(r.t(kind))}\par}}
\vspace{{8mm}}
{{\large {e(r.programme.title[r.lang])}\par}}
\vspace{{20mm}}
{{\Large\bfseries {e(r.t("doc.assessment_year", year=r.year))}\par}}
\vfill
{{\normalsize {e(r.t("doc.cutoff", date=cutoff))}\par}}
{{\normalsize {e(r.t("doc.rendered", date=rendered))}\par}}
\vspace{{6mm}}
{{\small\itshape {e(r.t("doc.draft_note"))}\par}}
\end{{titlepage}}
\tableofcontents
\clearpage
"""
    text = (f"<h1>{html.escape(r.t(kind))}</h1><p>{html.escape(r.t('doc.province'))} — "
            f"{html.escape(r.programme.title[r.lang])}<br>"
            f"{html.escape(r.t('doc.assessment_year', year=r.year))}<br>"
            f"{html.escape(r.t('doc.cutoff', date=cutoff))}<br>"
            f"{html.escape(r.t('doc.rendered', date=rendered))}</p>")
    return [RawLatex(tex, text)]
