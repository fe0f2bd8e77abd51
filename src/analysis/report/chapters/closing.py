"""The two closing chapters, written by the assessors, and the signature block.

"Hạn chế, nguyên nhân" (limitations and their causes) and "Phương hướng, nhiệm vụ, giải pháp"
(directions, tasks and solutions) come only from the commentary file; in a draft a chapter
without text says where to write it. The signature block (Decree 30/2020/NĐ-CP, Appendix I)
gives the recipients (Nơi nhận) on the left and the signer on the right, from the commentary's
front matter; a draft leaves them blank.
"""

from __future__ import annotations

import html

from analysis.data.commentary import (
    CLOSING_CHAPTERS,
    REQUIRED_FOR_FINAL,
    chapter_key,
    commentary_path,
)
from analysis.i18n import t
from analysis.report.commentary import comments
from analysis.report.context import Report
from analysis.report.document import Heading, Paragraph, RawLatex, Signature
from analysis.report.latex import escape

#: What a draft prints where a field of the head or the signature is still to be filled.
BLANK = "……………"


def closing_chapters(r: Report) -> list:
    """Limitations and directions, from the commentary; then the signature block.

    The chapter's heading is its own title; the assessors' text follows it set apart by the bar
    in the margin, without repeating the title.
    """
    blocks: list = []
    for name in CLOSING_CHAPTERS:
        blocks.append(Heading(r.t(f"sec.{name}"), label=f"sec:{name}"))
        text = comments(r, [chapter_key(name)], headed=False)
        if text:
            blocks += text
        else:
            period = r.year_plan.period if r.year_plan is not None else r.year
            file = r.commentary.file if r.commentary and r.commentary.file else \
                commentary_path(r.programme.id, period, r.lang)
            blocks.append(Paragraph(r.t("commentary.missing", key=chapter_key(name),
                                        file=file.name), small=True))
    # the room the last chapter needs on the page of the block, in lines: its heading and a
    # commentary box's first lines, or its heading and the short note of a draft
    kept, placed = signature_block(r, room=7 if text else 5)
    last_heading = max(k for k, b in enumerate(blocks) if isinstance(b, Heading))
    blocks.insert(last_heading, kept)  # before the last chapter, whose text it stays with
    blocks.append(placed)
    return blocks


def meta(r: Report, key: str) -> str:
    """A field of the document's head or signature: the commentary's, blank in a draft."""
    if r.draft or r.commentary is None:
        return ""
    value = r.commentary.meta.get(key)
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def shown(r: Report, key: str) -> str:
    """A field as printed: its text; in a draft, dots where it is to be filled (a final report
    has every required field, :func:`analysis.data.commentary.final_problems`, and prints
    nothing for an optional one left empty).
    """
    return meta(r, key) or (BLANK if r.draft or r.commentary is None
                            or key in REQUIRED_FOR_FINAL else "")


#: Punctuation a clerk may end a recipient with; the report puts its own.
_TRAILING = " \t;,.:"


def recipient_lines(recipients, archive: str, lang: str) -> list[str]:
    """The lines of "Nơi nhận" (Decree 30/2020/NĐ-CP, Appendix I): ``- <recipient>;`` for each
    recipient as typed, and the archive line ``- Lưu: VT, TH.`` last; the last line ends with a
    full stop. Whatever the clerk ended a recipient with (";", ",", ".") gives way to the
    report's own, so no line ends ";;" or ".;"; a leading "-" typed by hand is not doubled.
    """
    items = [str(x).strip().lstrip("-–").strip().rstrip(_TRAILING) for x in recipients]
    items = [x for x in items if x]
    archive = str(archive or "").strip()
    for word in ("Lưu:", "Lưu", "Archive:", "Archived:"):  # typed with its own label
        if archive.lower().startswith(word.lower()):
            archive = archive[len(word):].strip()
    archive = archive.rstrip(_TRAILING)
    if archive:
        items.append(t("doc.archive", lang, archive=archive))
    return [f"- {x}{'.' if k == len(items) - 1 else ';'}" for k, x in enumerate(items)]


def signature_block(r: Report, room: int = 7) -> tuple[RawLatex, RawLatex]:
    r"""Nơi nhận (recipients) on the left, the signer on the right: the block set aside
    (``\savesignature``, which goes before the report's last chapter) and the block placed
    (``\placesignature``, after it; its HTML and Word forms).

    In the PDF the block never splits (two minipages side by side), and it stays with the text
    it closes, as Decree 30/2020/NĐ-CP expects: the report's LaTeX template splits the last
    commentary box so that its last lines go over to the next page with the block, rather than
    let the block start a page alone. The Word document does the same with a row that cannot
    split and paragraphs kept with the next
    (:meth:`analysis.report.word_writer.WordWriter.signature`).
    """
    recipients = r.commentary.meta.get("recipients", []) if (
        r.commentary is not None and not r.draft) else []
    lines = recipient_lines(recipients, meta(r, "archive"), r.lang)
    rec_tex = r"\\".join(escape(x) for x in lines) or escape(BLANK)
    authority, title, name = (shown(r, k) for k in ("signer_authority", "signer_title",
                                                     "signer_name"))
    signer = r"\\".join(r"{\bfseries " + escape(x) + "}" for x in (authority, title) if x)
    tex = (rf"\savesignature[{room}]" r"{\begin{minipage}[t]{0.48\linewidth}\raggedright"
           r"{\small\bfseries\itshape " + escape(r.t("doc.recipients")) + r"}\\"
           r"{\footnotesize " + rec_tex + r"}\end{minipage}\hfill"
           r"\begin{minipage}[t]{0.48\linewidth}\centering" + signer +
           r"\\[18mm]{\bfseries " + escape(name) + r"}\end{minipage}}")
    html_lines = "<br>".join(html.escape(x) for x in lines) or BLANK
    html_signer = "<br>".join(html.escape(x) for x in (authority, title) if x)
    out = (f"<p><b><i>{html.escape(r.t('doc.recipients'))}</i></b><br>{html_lines}</p>"
           f"<p style='text-align:right'><b>{html_signer}</b><br><br>"
           f"<b>{html.escape(name)}</b></p>")
    word = Signature(r.t("doc.recipients"), lines or [BLANK], authority, title, name)
    return RawLatex(tex), RawLatex(r"\placesignature", out, [word])
