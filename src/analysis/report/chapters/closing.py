"""The two closing chapters, written by the assessors, and the signature block.

"Hạn chế, nguyên nhân" (limitations and their causes) and "Phương hướng, nhiệm vụ, giải pháp"
(directions, tasks and solutions) come only from the commentary file; in a draft a chapter
without text says where to write it. The signature block (Decree 30/2020/NĐ-CP, Appendix I)
gives the recipients (Nơi nhận) on the left and the signer on the right, from the commentary's
front matter; a draft leaves them blank.
"""

from __future__ import annotations

import html

from analysis.data.commentary import CLOSING_CHAPTERS, chapter_key, commentary_path
from analysis.report.chapters import base as b
from analysis.report.context import Report
from analysis.report.document import Heading, Paragraph, RawLatex
from analysis.report.latex import escape

#: What a draft prints where a field of the head or the signature is still to be filled.
BLANK = "……………"


def closing_chapters(r: Report) -> list:
    """Limitations and directions, from the commentary; then the signature block."""
    blocks: list = []
    for name in CLOSING_CHAPTERS:
        blocks.append(Heading(r.t(f"sec.{name}"), label=f"sec:{name}"))
        text = b.comments(r, [chapter_key(name)], title=r.t(f"sec.{name}"))
        if text:
            blocks += text
        else:
            file = r.commentary.file if r.commentary and r.commentary.file else \
                commentary_path(r.programme.id, r.year, r.lang)
            blocks.append(Paragraph(r.t("commentary.missing", key=chapter_key(name),
                                        file=file.name), small=True))
    blocks.append(signature_block(r))
    return blocks


def meta(r: Report, key: str) -> str:
    """A field of the document's head or signature: the commentary's, blank in a draft."""
    if r.draft or r.commentary is None:
        return ""
    value = r.commentary.meta.get(key)
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def signature_block(r: Report) -> RawLatex:
    """Nơi nhận (recipients) on the left, the signer on the right."""
    recipients = [x for x in meta(r, "recipients").splitlines() if x.strip()]
    rec_tex = r"\\".join(r"-\ " + escape(x) + ";" for x in recipients) or escape(BLANK)
    authority = meta(r, "signer_authority") or BLANK
    title = meta(r, "signer_title") or BLANK
    name = meta(r, "signer_name") or BLANK
    tex = (r"\par\bigskip\noindent\begin{minipage}[t]{0.48\linewidth}\raggedright"
           r"{\small\bfseries\itshape " + escape(r.t("doc.recipients")) + r"}\\"
           r"{\footnotesize " + rec_tex + r"}\end{minipage}\hfill"
           r"\begin{minipage}[t]{0.48\linewidth}\centering"
           r"{\bfseries " + escape(authority) + r"}\\{\bfseries " + escape(title) + r"}\\"
           r"[18mm]{\bfseries " + escape(name) + r"}\end{minipage}\par")
    e = html.escape  # the front matter's text, printed as typed (a <script> stays text)
    page = (f"<p><b><i>{e(r.t('doc.recipients'))}</i></b> {e('; '.join(recipients) or BLANK)}"
            f"</p><p style='text-align:right'><b>{e(authority)}<br>{e(title)}</b><br><br>"
            f"<b>{e(name)}</b></p>")
    return RawLatex(tex, page)
