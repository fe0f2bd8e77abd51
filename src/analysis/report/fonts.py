"""The report's main font, found by file name: TeX Gyre Termes, else Liberation Serif 2.

The PDF (fontspec, :mod:`analysis.report.typeset`), the charts (:mod:`analysis.report.chart_style`)
and the escaping of text the font cannot print (:func:`analysis.report.latex.font_coverage`) all
use the font found here. A font is taken only when every one of its four faces is there, its
folder can be written literally in a fontspec option, and it has every Vietnamese letter
(:data:`VIETNAMESE_PROBE`): Debian's Liberation Serif 1.x (fonts-liberation) lacks ố, ử, ỹ.
Name lookup through fontconfig is avoided: it is unreliable across machines.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import ReportError
from analysis.messages import text

#: Font files tried for the main font, in order: (family file stem, extension, style suffixes).
FONT_CANDIDATES = (
    ("texgyretermes", ".otf", ("-regular", "-bold", "-italic", "-bolditalic")),
    ("LiberationSerif", ".ttf", ("-Regular", "-Bold", "-Italic", "-BoldItalic")),
)  # Liberation Serif counts only from version 2 (fonts-liberation2): 1.x lacks Vietnamese
#: Monospaced fonts looked for beside the main font: (file stem, extension, style suffixes).
MONO_CANDIDATES = (
    ("texgyrecursor", ".otf", ("-regular", "-bold")),
    ("LiberationMono", ".ttf", ("-Regular", "-Bold")),
)
#: Folders searched for the font files when kpsewhich does not find them.
FONT_DIRS = (
    "/usr/share/texmf/fonts/opentype/public/tex-gyre",
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/tex-gyre",
    "/usr/share/fonts/opentype/tex-gyre",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/liberation2",
)
#: Unicode categories never printed (controls, format characters, surrogates, private use,
#: unassigned): the report's text and its charts drop them.
INVISIBLE_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn")
#: Letters a font must have to print Vietnamese (precomposed forms with two marks).
VIETNAMESE_PROBE = "ấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữựỳỵỷỹđơư"


@dataclass(frozen=True)
class MainFont:
    """The main font, found by file name: folder, file stem, extension and style suffixes."""

    directory: str
    stem: str
    extension: str
    suffixes: tuple[str, str, str, str]

    def fontspec(self) -> str:
        r"""``\setmainfont`` (and ``\setmonofont``) loading the fonts by file name (``Path=``).

        The monospaced font (for checksums and versions) is TeX Gyre Cursor or Liberation Mono
        from the same folder when there, else fontspec's default (Latin Modern Mono). The
        common ligatures (ﬁ, ﬀ, ﬃ) are off: a reader searching the PDF for "insufficient" or
        "office" finds it, and text copied from it is the text typed.
        """
        regular, bold, italic, bolditalic = self.suffixes
        lines = [
            rf"\setmainfont{{{self.stem}}}[Path={self.directory}/, Extension={self.extension}, "
            rf"UprightFont=*{regular}, BoldFont=*{bold}, ItalicFont=*{italic}, "
            rf"BoldItalicFont=*{bolditalic}, Ligatures={{TeX, NoCommon}}]"
        ]
        for stem, ext, (mono_regular, mono_bold) in MONO_CANDIDATES:
            folder = Path(self.directory)
            if (folder / f"{stem}{mono_regular}{ext}").is_file():
                lines.append(
                    rf"\setmonofont{{{stem}}}[Path={self.directory}/, Extension={ext}, "
                    rf"UprightFont=*{mono_regular}, BoldFont=*{mono_bold}]"
                )
                break
        return "\n".join(lines)

    def files(self) -> list[Path]:
        """The four faces' files: regular, bold, italic, bold italic."""
        return [Path(self.directory) / f"{self.stem}{s}{self.extension}" for s in self.suffixes]


def code_point_text(ch: str) -> str:
    """A character a font lacks, written visibly as its code point: ``[U+1F600]``."""
    return f"[U+{ord(ch):04X}]"


def code_points(font_file: str | Path) -> frozenset[int] | None:
    """The code points a font file has (its first face's Unicode cmap); None when it cannot
    be read: the callers then let xelatex or matplotlib be the judge.

    Read by FreeType (matplotlib's) in a process that draws, where matplotlib is loaded already
    (1 ms; fontTools takes 40 ms, a part of the scenario explorer's first view,
    ``benchmarks/explorer.py``), else by fontTools (the command's process: loading matplotlib
    there would cost 0.15 s). Both read the same code points.
    """
    try:
        if "matplotlib" in sys.modules:
            from matplotlib.ft2font import FT2Font  # late: only where matplotlib is loaded

            return frozenset(FT2Font(str(font_file)).get_charmap())
        # late: fontTools (0.03 s) only when a font is read, never by --help or a Word render
        from fontTools.ttLib import TTFont

        with TTFont(str(font_file), lazy=True, fontNumber=0) as font:
            return frozenset(font.getBestCmap())
    except Exception:  # noqa: BLE001 - no fontTools, an unreadable font: coverage unknown
        return None


def _covers_vietnamese(font_file: Path) -> bool:
    """Whether the font file has every letter of :data:`VIETNAMESE_PROBE` (True if unknown)."""
    cmap = code_points(font_file)
    return cmap is None or all(ord(c) in cmap for c in VIETNAMESE_PROBE)


@functools.cache
def find_main_font() -> MainFont:
    """Find TeX Gyre Termes (else Liberation Serif) by file name.

    Looks with ``kpsewhich`` first (TeX's own file search), then in :data:`FONT_DIRS`.

    Raises
    ------
    analysis.errors.ReportError
        When neither font is installed, saying which Debian packages to install.
    """
    for stem, ext, suffixes in FONT_CANDIDATES:
        files = [f"{stem}{s}{ext}" for s in suffixes]
        found = None
        if shutil.which("kpsewhich"):
            out = subprocess.run(
                ["kpsewhich", files[0]], capture_output=True, text=True, check=False
            ).stdout.strip()
            if out:
                found = str(Path(out).parent)
        if found is None:
            found = next((d for d in FONT_DIRS if (Path(d) / files[0]).is_file()), None)
        if found and all((Path(found) / f).is_file() for f in files):
            if re.search(r"[\\{}$&#^%~\[\],=\s]", found):
                continue  # a folder name fontspec cannot take literally
            if not _covers_vietnamese(Path(found) / files[0]):
                continue  # e.g. Liberation Serif 1.x (Debian's fonts-liberation): no ố, ử, ỹ
            return MainFont(found, stem, ext, suffixes)
    raise ReportError(text("msg.render.no_font").render())
