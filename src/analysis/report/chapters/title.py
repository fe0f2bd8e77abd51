"""The title page, as an office issues a report (Decree 30/2020/NĐ-CP, Appendix I).

The head: the issuing body and the number and symbol (Số: …/BC-…) on the left, the national
motto on the right, then the place and date; then the title, the programme, the assessment
year and the two dates, each labelled: the data's cut-off and the report's own date (a draft
adds how it was made: from published figures, each traced to its source; a report the office
signs does not say so on its cover: Annex B gives every figure's source, Annex D how the
report was made). The
issuing body and the number come from the commentary's front matter; a draft leaves them blank
and says "DỰ THẢO" / "DRAFT" on every page, listing the chapters still waiting for commentary.

The same page for the Word document is built here from the same values (the ``word`` of the
:class:`~analysis.report.document.RawLatex`): the document's settings (its draft mark, the
words of the captions), the head as a two-column table, the centred lines, the contents.
"""

from __future__ import annotations

import html
import re

from analysis.data.commentary import CHAPTER_HEADINGS, MIDYEAR_CHAPTER
from analysis.report import midyear
from analysis.report.chapters.closing import meta, shown
from analysis.report.context import Published, Report
from analysis.report.document import (
    Contents,
    DocumentHead,
    PageBreak,
    PageSetup,
    RawLatex,
    TitleLine,
)
from analysis.report.latex import escape, pdf_text

#: What stops TeX from breaking words with a hyphen (a language whose ``doc.hyphenation`` is
#: "off": Vietnamese, whose words are syllables).
NO_HYPHENATION = r"\hyphenpenalty=10000 \exhyphenpenalty=10000"


def report_date_text(r: Report) -> str:
    """The report date (the ``report_date`` parameter) in the report's language."""
    d = r.report_date
    return Published(d.year, d.month, d.day).format(r.lang)


def place_and_date(r: Report) -> str:
    """``<Tỉnh>, ngày 01 tháng 12 năm 2026`` / ``<Province>, 1 December 2026``."""
    place = meta(r, "place") or r.programme.province[r.lang]
    d = r.report_date
    return r.t("doc.place_date", place=place, day=f"{d.day:02d}", month=f"{d.month:02d}",
               year_date=d.year, date=report_date_text(r))


#: Words naming the kind of unit before a place name; kept on the name's line.
PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "xã", "phường")


def unbroken_places(text: str, r: Report) -> str:
    """``text`` with every place name of the head tied together by no-break spaces, with the
    word before it that says what it is (``TỈNH <TÊN TỈNH>``): the head's narrow columns then
    break before the name, never inside it (a two-word name split over two lines). The names are the
    programme's province in every language and the commentary's ``place``, in any case.
    """
    names = {*r.programme.province.values(), meta(r, "place")}
    words = "|".join(re.escape(w) for w in PLACE_WORDS)
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        pattern = rf"(?:\b(?:{words})\s+)?{re.escape(name)}"
        text = re.sub(pattern, lambda m: re.sub(r"\s+", "\u00a0", m.group(0)), text,
                      flags=re.IGNORECASE)
    return text


def properties(r: Report) -> tuple[str, str]:
    """The document's title and subject (the PDF's and the Word document's properties, what a
    document system, a browser tab and a search show): the kind of report, the programme
    rendered and its year (a mid-year report: its period), and the programme's full title, in
    the report's language.
    """
    kind = "doc.title.final" if r.final_review else "doc.title"
    when = midyear.cover_text(r) or r.t("doc.assessment_year", year=r.year)
    title = r.t("doc.properties.title", kind=r.t(kind), programme=r.programme.short_title[r.lang],
                when=when)
    return title, r.programme.title[r.lang]


def properties_tex(r: Report) -> str:
    """The PDF's properties (:func:`properties`), for hyperref, and its language (the catalog's
    ``/Lang``, the Word document's language tag; hyperref's ``pdflang`` is read only in the
    preamble, so it is put in the catalog directly, through xdvipdfmx).
    """
    title, subject = properties(r)
    tag = re.sub(r"[^A-Za-z0-9-]", "", r.t("doc.language_tag"))  # a BCP 47 tag, nothing else
    return (rf"\hypersetup{{pdftitle={{{pdf_text(title)}}},pdfsubject={{{pdf_text(subject)}}},"
            rf"pdfauthor={{}}}}\special{{pdf:put @catalog <</Lang ({tag})>>}}")


def title_page(r: Report) -> list:
    """Title page (no page number), the names of floats in the language, table of contents."""
    e = escape
    rendered = report_date_text(r)
    cutoff = r.cutoff_text(missing=r.t("value.missing"))
    no_hyphen = NO_HYPHENATION if r.t("doc.hyphenation") == "off" else ""
    kind = "doc.title.final" if r.final_review else "doc.title"
    issuer = unbroken_places(shown(r, "issuer"), r)
    parent = unbroken_places(meta(r, "issuer_parent"), r)
    number = shown(r, "number")
    watermark = (rf"\SetWatermarkText{{{e(r.t('doc.draft'))}}}\SetWatermarkScale{{1.1}}"
                 rf"\SetWatermarkLightness{{0.88}}\renewcommand{{\draftmark}}"
                 rf"{{{e(r.t('doc.draft'))}}}" if r.draft else r"\SetWatermarkText{}")
    draft = ""
    waiting = ""
    if r.draft:
        waiting = ", ".join(_chapter_name(r, c) for c in r.missing_commentary)
        draft = (rf"{{\large\bfseries {e(r.t('doc.draft'))}\par}}\vspace{{2mm}}"
                 rf"{{\small {e(r.t('doc.draft.waiting', chapters=waiting))}\par}}"
                 r"\vspace{4mm}")
    # how the draft was made: not on the cover of a report the office signs (Annexes B and D)
    note = (rf"\vspace{{6mm}}{{\small\itshape {e(r.t('doc.draft_note'))}\par}}"
            if r.draft else "")
    tex = rf"""
{properties_tex(r)}
\renewcommand{{\contentsname}}{{{e(r.t("doc.contents"))}}}
\renewcommand{{\figurename}}{{{e(r.t("doc.figure"))}}}
\renewcommand{{\tablename}}{{{e(r.t("doc.table"))}}}
{no_hyphen}
{watermark}
\begin{{titlepage}}
\thispagestyle{{empty}}
\noindent\begin{{minipage}}[t]{{0.42\linewidth}}\centering
{{\small {e(parent)}\par}}
{{\small\bfseries {e(issuer)}\par}}\vspace{{-1mm}}\rule{{18mm}}{{0.4pt}}\par
{{\small {e(r.t("doc.number", number=number))}\par}}
\end{{minipage}}\hfill
\begin{{minipage}}[t]{{0.56\linewidth}}\centering
{{\small\bfseries {e(r.t("doc.motto.state"))}\par}}
{{\small\bfseries {e(r.t("doc.motto.words"))}\par}}\vspace{{-1mm}}\rule{{40mm}}{{0.4pt}}\par
{{\small\itshape {e(unbroken_places(place_and_date(r), r))}\par}}
\end{{minipage}}
\vspace*{{22mm}}
\begin{{center}}
{draft}
{{\Large\bfseries {e(r.t("doc.report"))}\par}}\vspace{{3mm}}
{{\large\bfseries {e(r.t(kind))}\par}}
\vspace{{6mm}}
{{\normalsize {e(r.programme.title[r.lang])}\par}}
\vspace{{12mm}}
{{\Large\bfseries {e(r.t("doc.assessment_year", year=r.year))}\par}}
{midyear.cover_tex(r)}
\end{{center}}
\vfill
\begin{{center}}
{{\normalsize {e(r.t("doc.cutoff", date=cutoff))}\par}}
{{\normalsize {e(r.t("doc.rendered", date=rendered))}\par}}
{note}
\end{{center}}
\end{{titlepage}}
\tableofcontents
\clearpage
"""
    text = (f"<p><b>{html.escape(issuer)}</b> — {html.escape(r.t('doc.number', number=number))}"
            f"</p><h1>{html.escape(r.t(kind))}</h1><p>"
            f"{html.escape(r.programme.title[r.lang])}<br>"
            f"{html.escape(r.t('doc.assessment_year', year=r.year))}<br>"
            f"{html.escape(r.t('doc.cutoff', date=cutoff))}<br>"
            f"{html.escape(r.t('doc.rendered', date=rendered))}</p>")
    if r.draft:
        text = f"<p><b>{html.escape(r.t('doc.draft'))}</b></p>" + text
    return [RawLatex(tex, text, word_title_page(r, issuer, parent, number, kind, waiting,
                                                 cutoff, rendered))]


def word_title_page(r: Report, issuer: str, parent: str, number: str, kind: str, waiting: str,
                    cutoff: str, rendered: str) -> list:
    """The title page of the Word document: the same lines as the PDF's, then the contents."""
    title, subject = properties(r)
    lines = []
    if r.draft:
        lines += [TitleLine(r.t("doc.draft"), "large", bold=True, space=18),
                  TitleLine(r.t("doc.draft.waiting", chapters=waiting), "small", space=4)]
    lines += [TitleLine(r.t("doc.report"), "title", bold=True, space=36 if not r.draft else 18),
              TitleLine(r.t(kind), "large", bold=True, space=6),
              TitleLine(r.programme.title[r.lang], space=12)]
    lines.append(TitleLine(r.t("doc.assessment_year", year=r.year), "title", bold=True,
                           space=30))
    cover = midyear.cover_text(r)
    if cover:
        lines.append(TitleLine(cover, "large", bold=True, space=6))
    lines += [TitleLine(r.t("doc.cutoff", date=cutoff), space=96),
              TitleLine(r.t("doc.rendered", date=rendered), space=0)]
    if r.draft:
        lines.append(TitleLine(r.t("doc.draft_note"), "small", italic=True, space=18))
    return [
        PageSetup(language_tag=r.t("doc.language_tag"),
                  draft_mark=r.t("doc.draft") if r.draft else "", table_word=r.t("doc.table"),
                  figure_word=r.t("doc.figure"),
                  title=title, subject=subject, date=r.report_date.isoformat()),
        DocumentHead(parent=parent, issuer=issuer, number=r.t("doc.number", number=number),
                     motto_state=r.t("doc.motto.state"), motto_words=r.t("doc.motto.words"),
                     place_date=place_and_date(r)),
        *lines,
        PageBreak(),
        Contents(r.t("doc.contents")),
        PageBreak(),
    ]


def _chapter_name(r: Report, key: str) -> str:
    """A chapter's name as its heading prints it: a fixed chapter's (the year so far: the
    mid-year chapter's), a programme chapter's title (its group title, or its target's name).
    """
    if key == MIDYEAR_CHAPTER:
        return r.t("midyear.head", year=r.year_plan.midyear if r.year_plan is not None else None)
    if key in CHAPTER_HEADINGS:
        return r.t(CHAPTER_HEADINGS[key])
    for ch in r.programme.chapters:
        if ch.key == key:
            if ch.title:
                return ch.title[r.lang]
            targets = r.dataset.targets.set_index("target_id")
            return str(targets.loc[ch.targets[0], f"name_{r.lang}"])
    return key
