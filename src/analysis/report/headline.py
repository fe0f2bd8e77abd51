"""The summary line an official quotes: the targets counted by class, with their denominators.

"4/34 chỉ tiêu đạt" read as thirty failures when 23 of the 34 targets had no data at all. The
line therefore counts the targets achieved against the targets **with data** (every target
that has a value since its base year and is measurable), and then names every other class with
its own count, those without data and those the programme declares not measurable last::

    4/11 chỉ tiêu có số liệu đạt; 3 không đạt; 3 chưa có số liệu năm 2025;
    1 quá ít năm số liệu để đánh giá tốc độ bình quân; 22 chưa có số liệu; 1 không đo được.

The counts add up to the catalogue (4 + 3 + 3 + 1 + 22 + 1 = 34). A class no target has is
left out, except the first (the targets achieved). The line is built here, once
(:func:`headline`), and every output prints these words: the report's summary (the PDF, and
the Word document made from the same blocks) and ``python -m analysis assess``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from analysis.engine import progress as pg
from analysis.engine.assess import TARGET_SCENARIO
from analysis.i18n import t


@dataclass(frozen=True)
class Counts:
    """The targets of a catalogue counted by progress class (one row per target)."""

    total: int
    by_class: Mapping[str, int] = field(default_factory=dict)
    final: bool = False  # a final review: achieved or not achieved, no pace

    def n(self, progress_class: str) -> int:
        """How many targets have ``progress_class``."""
        return int(self.by_class.get(progress_class, 0))

    @property
    def with_data(self) -> int:
        """Targets with a value to judge: all but those without data or not measurable."""
        return self.total - sum(self.n(c) for c in pg.WITHOUT_DATA)


def counts(summary, final: bool) -> Counts:
    """:class:`Counts` of an assessment's summary (the rows of scenario ``target``).

    Parameters
    ----------
    summary : pandas.DataFrame
        :attr:`analysis.engine.assess.Assessment.summary` (every scenario's rows; only the
        target's own row counts).
    final : bool
        A final review (the assessment year is the target year).
    """
    rows = summary[summary["scenario"] == TARGET_SCENARIO]
    return Counts(len(rows), {str(k): int(v) for k, v in
                              rows["progress_class"].value_counts().items()}, final)


def parts(c: Counts, lang: str, target_year: int) -> list[str]:
    """The pieces of the line, in order: the targets achieved over those with data, then every
    other class present (classes with data first, then no data, then not measurable).
    """
    first = "headline.first.final" if c.final else "headline.first"
    out = [t(first, lang, n=c.n(pg.ACHIEVED), with_data=c.with_data)]
    for klass in pg.CLASSES:
        if klass != pg.ACHIEVED and c.n(klass):
            out.append(t(f"headline.class.{klass}", lang, n=c.n(klass),
                         target_year=target_year))
    return out


def headline(c: Counts, lang: str, target_year: int) -> str:
    """The line itself: its :func:`parts` joined by semicolons, with a full stop."""
    return "; ".join(parts(c, lang, target_year)) + "."
