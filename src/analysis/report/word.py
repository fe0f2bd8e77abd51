"""The report as a Word document (.docx) for the drafting round, laid out as Decree 30 asks.

**One source.** The chapters are built once, as blocks (:mod:`analysis.report.document`); the
notebook carries them as JSON beside the LaTeX (``output_format`` "docx" or "both"), and this
module reads them back from the executed notebook (:func:`blocks_from_notebook`) and renders
each with its ``to_docx``, which calls the :class:`~analysis.report.word_writer.WordWriter`. A
number in the Word document is therefore the very string printed in the PDF.

**Library.** python-docx (locked in ``requirements.lock``): it writes the parts of a .docx that
Word and LibreOffice expect (styles, numbering, headers, pictures, core properties) from a
Python object model, so that nothing here writes OOXML by hand except the few elements it has
no API for, each made with its oxml helpers (:mod:`analysis.report.word_styles`): a table
header row that repeats on every page (``w:tblHeader``) and rows that do not break
(``w:cantSplit``), cell shading, paragraph borders, the fields (``PAGE``, ``SEQ`` for the
caption numbers, ``TOC``), ``w:updateFields`` so that Word fills the table of contents when it
opens the file. pandoc with a reference document was the other candidate: it would need the
blocks as Markdown (a second rendering of every table) and has no way to set a landscape
section, a header per section or the head's borderless tables, so those would have to be
patched into its output anyway.

**Where things are.** The styles, Decree 30's sizes and margins: :mod:`analysis.report.word_styles`
(the head of the document and the signature block are borderless two-column tables, Decree 30,
Appendix I: issuing body | national motto, number and symbol | place and date; recipients |
signer; the Biểu is a landscape section between two portrait ones, each section with its own
header). Writing each kind of block, speed, reproducible bytes and text from data:
:mod:`analysis.report.word_writer`.
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import nbformat

from analysis.report.document import BLOCKS_MIME, REMOVE_CELL_TAGS, block_from_json
from analysis.report.word_writer import WordWriter


def render_docx(blocks, when: dt.datetime | None = None) -> bytes:
    """The Word document of ``blocks`` (the report's, in order), as bytes."""
    return WordWriter().render(blocks, when)


def blocks_from_notebook(executed: Path, skip_tags=REMOVE_CELL_TAGS) -> list:
    """The blocks the executed notebook carries (:data:`BLOCKS_MIME`), in order, figures with
    their print PNG; cells tagged ``skip_tags`` left out (as the PDF leaves them out).
    """
    nb = nbformat.read(executed, as_version=4)
    blocks = []
    for cell in nb.cells:
        if set(cell.get("metadata", {}).get("tags", [])) & set(skip_tags):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if BLOCKS_MIME not in data:
                continue
            png = data.get("image/png")
            for item in data[BLOCKS_MIME]:
                blocks.append(block_from_json(item, base64.b64decode(png) if png else None))
    return blocks


def write_docx(executed: Path, target: Path, epoch: int | None = None) -> Path:
    """Render the executed notebook's blocks to ``target`` (.docx); ``epoch`` stamps it
    (``SOURCE_DATE_EPOCH``; None: the report date).
    """
    when = None if epoch is None else dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    Path(target).write_bytes(render_docx(blocks_from_notebook(executed), when))
    return Path(target)
