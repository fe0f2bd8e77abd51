"""The printed page, after Decree 30/2020/NĐ-CP (Appendix I), declared once for the PDF and the
Word document.

The decree fixes ranges; the report takes one value inside each:

==========================  ==============  ============
what                        Decree 30       chosen
==========================  ==============  ============
paper                       A4              A4
top margin                  20–25 mm        25 mm
bottom margin               20–25 mm        22 mm
left margin (binding)       30–35 mm        32 mm
right margin                15–20 mm        18 mm
body text                   13–14 pt        13 pt
page number                 13–14 pt, top   13 pt, centred in the top margin, not on page 1
==========================  ==============  ============

The font is Times New Roman (the decree's): the Word document names it; the PDF uses TeX Gyre
Termes, the same letter shapes and widths, because xelatex needs the font file
(:func:`analysis.report.fonts.find_main_font`). A landscape section (the year-by-year table)
keeps the same margins as its page reads: 25 mm above, 22 mm below, 32 mm left, 18 mm right.
"""

from __future__ import annotations

#: The paper: A4, in millimetres (width, height) when portrait.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
#: Margins in millimetres (Decree 30: top and bottom 20–25, left 30–35, right 15–20).
MARGIN_TOP_MM = 25
MARGIN_BOTTOM_MM = 22
MARGIN_LEFT_MM = 32
MARGIN_RIGHT_MM = 18
#: Body text size in points (Decree 30: 13–14), and the page number's.
BODY_PT = 13
#: The width of a portrait page's text, in millimetres (160 mm).
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
#: The width of a landscape page's text, in millimetres (247 mm).
LANDSCAPE_TEXT_WIDTH_MM = PAGE_HEIGHT_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM


def geometry() -> str:
    """The margins as options of LaTeX's ``geometry`` package."""
    return (f"a4paper,top={MARGIN_TOP_MM}mm,bottom={MARGIN_BOTTOM_MM}mm,"
            f"left={MARGIN_LEFT_MM}mm,right={MARGIN_RIGHT_MM}mm")
