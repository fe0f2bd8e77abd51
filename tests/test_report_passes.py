"""The xelatex passes: a stand-in table of contents lets two passes suffice."""

import subprocess

import pytest

from analysis.report import render, typeset
from analysis.report.parameters import ReportParameters
from analysis.report.typeset import draft_contents

TEX = r"""\documentclass{article}
\newcommand{\fake}{\section{Not a heading: preamble}}
\begin{document}
\tableofcontents
\section{Tóm tắt}\label{sec:summary}
\subsection{A {nested} title}
\subsection{Second}
\subsubsection{Deep}
\section*{Unnumbered, not in the contents}
\section{Phụ lục A}
\subsection{Again one}
\end{document}
"""


def test_draft_contents_numbers_headings_like_the_article_class():
    lines = draft_contents(TEX).splitlines()
    assert lines == [
        r"\contentsline {section}{\numberline {1}Tóm tắt}{0}{section.1}%",
        r"\contentsline {subsection}{\numberline {1.1}A {nested} title}{0}{subsection.1.1}%",
        r"\contentsline {subsection}{\numberline {1.2}Second}{0}{subsection.1.2}%",
        r"\contentsline {subsubsection}{\numberline {1.2.1}Deep}{0}{subsubsection.1.2.1}%",
        r"\contentsline {section}{\numberline {2}Phụ lục A}{0}{section.2}%",
        # the subsection counter restarts in a new section: 2.1, not 2.3
        r"\contentsline {subsection}{\numberline {2.1}Again one}{0}{subsection.2.1}%",
    ]


def test_no_draft_without_a_table_of_contents():
    assert draft_contents(TEX.replace(r"\tableofcontents", "")) is None


@pytest.mark.slow
def test_the_report_needs_two_xelatex_passes(tmp_path, monkeypatch):
    """Pass 1 already has the contents' final size, so pass 2 only confirms (was 3 passes)."""
    calls = []
    run = subprocess.run

    def counting_run(cmd, *args, **kwargs):
        if cmd and cmd[0] == "xelatex":
            calls.append(cmd)
        return run(cmd, *args, **kwargs)

    monkeypatch.setattr(typeset.subprocess, "run", counting_run)
    render.render_report(ReportParameters(lang="en"), out_dir=tmp_path)
    assert len(calls) == 2
