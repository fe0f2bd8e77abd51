"""The mid-year chapter: the year so far, when the report's year has only partial-year values.

``report --year 2026`` when 2026 has values only for its first months (``2026-6M``,
``2026-9M``) renders a mid-year report (:mod:`analysis.data.years`): every target is assessed
on the last full year, and this chapter, placed first, shows the year so far:

* for each indicator with a value for the first months of the year, the latest such value
  (the most months), with its qualifier and unit;
* the value of the same months of the year before, where the data have it;
* the change between the two: for growth rates and shares, the difference in percentage
  points (a growth rate of the first six months is already a change on the same months of
  the year before, so two such rates are compared by their difference); for levels
  (billion VND, arrivals, hectares), the change in percent;
* the source of every value shown, numbered under the table (the data annex lists the values
  the assessment uses, which end with the last full year).

Partial values are never used as annual values: the chapter says so, and the assessment does
not see them. For an annual report the chapter is empty and the title page line is empty too.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.commentary_model import MIDYEAR_CHAPTER, chapter_key
from analysis.data.periods import Period
from analysis.data.statuses import PARTIAL_STATUS
from analysis.data.units import point_units
from analysis.report import formatting as fmt
from analysis.report.commentary import comments
from analysis.report.document import Col, Heading, Items, Paragraph, Table
from analysis.report.inline import Markup, Span
from analysis.report.latex import escape

#: Units whose change between two periods is a difference in percentage points (the units
#: table's).
POINT_UNITS = point_units()
#: Label of the chapter.
LABEL = "sec:midyear"


def _plan(r):
    """The report's year plan when it is a mid-year report, else None."""
    plan = getattr(r, "year_plan", None)
    return plan if plan is not None and plan.is_midyear else None


def _months(period: str) -> int:
    """Months of a partial period (``2026-9M`` → 9)."""
    return Period.parse(period).months


def _is_partial_of(period: object, year: int) -> bool:
    """Whether ``period`` is the first months of ``year``."""
    try:
        p = Period.parse(period)
    except ValueError:
        return False
    return p.is_partial and p.first == year


def so_far(chosen: pd.DataFrame, year: int) -> pd.DataFrame:
    """The latest partial value of ``year`` per indicator, with the same period a year before.

    Parameters
    ----------
    chosen : pandas.DataFrame
        The chosen values (:func:`analysis.data.selection.choose_values`).
    year : int
        The year reported so far.

    Returns
    -------
    pandas.DataFrame
        One row per indicator: ``indicator_id``, ``period``, ``value``, ``unit``,
        ``qualifier``, ``previous_period``, ``previous_value``, ``previous_qualifier``
        (NaN / '' when the year before has no value for the same months), ``change``
        (percentage points for :data:`POINT_UNITS`, else percent; NaN without a previous
        value) and the sources of both values (``source_title``, ``source_url``,
        ``previous_source_title``, ``previous_source_url``).
    """
    partial = chosen[chosen["period"].map(lambda p: _is_partial_of(p, year)).astype(bool)]
    rows = []
    for indicator, group in partial.groupby("indicator_id", sort=False):
        latest = max(group.to_dict("records"), key=lambda v: _months(str(v["period"])))
        before = str(Period.first_months(year - 1, _months(str(latest["period"]))))
        prev = chosen[(chosen["indicator_id"] == indicator) & (chosen["period"] == before)]
        prev_value = float(prev["value"].iloc[0]) if not prev.empty else float("nan")
        value = float(latest["value"])
        if prev.empty:
            change = float("nan")
        elif latest["unit"] in POINT_UNITS:
            change = value - prev_value
        else:
            change = (value / prev_value - 1) * 100 if prev_value else float("nan")
        rows.append({"indicator_id": indicator, "period": latest["period"], "value": value,
                     "unit": latest["unit"], "qualifier": latest["qualifier"],
                     "source_title": latest["source_title"], "source_url": latest["source_url"],
                     "previous_source_title": prev["source_title"].iloc[0] if not prev.empty
                     else "",
                     "previous_source_url": prev["source_url"].iloc[0] if not prev.empty else "",
                     "previous_period": before if not prev.empty else "",
                     "previous_value": prev_value,
                     "previous_qualifier": prev["qualifier"].iloc[0] if not prev.empty else "",
                     "change": change})
    return pd.DataFrame(rows, columns=["indicator_id", "period", "value", "unit", "qualifier",
                                       "source_title", "source_url", "previous_source_title",
                                       "previous_source_url", "previous_period",
                                       "previous_value", "previous_qualifier", "change"])


def _change_text(r, row: dict) -> str:
    """The change written in its unit: ``+1,2 điểm %`` or ``+8,5%``."""
    if fmt.is_missing(row["change"]):
        return fmt.MISSING
    if row["unit"] in POINT_UNITS:
        return fmt.pp(row["change"], r.lang)
    return fmt.growth(row["change"], r.lang, decimals=1, signed=True, per_year=False)


def _value_text(r, x: float, unit: str, qualifier: str) -> str:
    """A partial value with its unit and qualifier.

    A growth rate of the first months is a change on the same months of the year before, not a
    rate per year, so it is written ``7,1%`` (not ``7,1%/năm``: :func:`~analysis.report.
    formatting.shown_unit`); the table's columns say what it compares with.
    """
    return fmt.qualified(x, fmt.shown_unit(unit, PARTIAL_STATUS), qualifier, r.lang)


def _sources(table: pd.DataFrame) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """The sources of the values shown, numbered in order of first use."""
    listed: list[tuple[str, str]] = []
    number: dict[str, int] = {}
    for row in table.to_dict("records"):
        for title, url in ((row["source_title"], row["source_url"]),
                           (row["previous_source_title"], row["previous_source_url"])):
            if url and url not in number:
                listed.append((str(title), str(url)))
                number[url] = len(listed)
    return listed, number


def cover_text(r) -> str:
    """The title page's line for a mid-year report, or '' for an annual one."""
    plan = _plan(r)
    if plan is None:
        return ""
    return r.t("midyear.cover", year=plan.midyear, months=_months(plan.partial_periods[-1]),
               latest=fmt.period(plan.partial_periods[-1], r.lang))


def cover_tex(r) -> str:
    """The title page's line for a mid-year report (LaTeX), or '' for an annual one."""
    text = cover_text(r)
    if not text:
        return ""
    return rf"{{\large\bfseries {escape(text)}\par}}\vspace{{4mm}}"


def chapter(r) -> list:
    """The chapter "this year so far" of a mid-year report (no block for an annual one)."""
    plan = _plan(r)
    if plan is None:
        return []
    year = plan.midyear
    table = so_far(r.chosen, year)
    order = {i: k for k, i in enumerate(r.dataset.indicators["indicator_id"])}
    table = table.assign(_o=table["indicator_id"].map(order).fillna(len(order)))
    table = table.sort_values(["_o"], kind="stable").drop(columns="_o")
    periods = ", ".join(fmt.period(p, r.lang) for p in plan.partial_periods)
    blocks: list = [Heading(r.t("midyear.head", year=year), label=LABEL),
                    Paragraph([Span(r.t("midyear.label", year=year,
                                        months=_months(plan.partial_periods[-1])) + " ",
                                    "bold"),
                               r.t("midyear.intro", year=year, assessed=plan.assessed,
                                   periods=periods)])]
    if table.empty:
        return blocks + _comments(r)
    n_prev = int(table["previous_period"].astype(bool).sum())
    blocks.append(Paragraph(r.t("midyear.summary", n=len(table), n_prev=n_prev,
                                previous=year - 1)))
    cols = [Col(r.t("midyear.col.indicator"), 0.27), Col(r.t("midyear.col.period"), 0.11),
            Col(r.t("midyear.col.value"), 0.18, "r"),
            Col(r.t("midyear.col.previous", year=year - 1), 0.18, "r"),
            Col(r.t("midyear.col.change"), 0.16, "r"), Col(r.t("midyear.col.source"), 0.10, "r")]
    sources, number = _sources(table)
    names = r.dataset.indicators.set_index("indicator_id")[f"name_{r.lang}"]
    rows: list = []
    for row in table.to_dict("records"):
        unit = str(row["unit"])
        value = _value_text(r, row["value"], unit, row["qualifier"])
        previous = (_value_text(r, row["previous_value"], unit, row["previous_qualifier"])
                    if row["previous_period"] else fmt.MISSING)
        cited = [f"[{number[u]}]" for u in (row["source_url"], row["previous_source_url"]) if u]
        rows.append([str(names.get(row["indicator_id"], row["indicator_id"])),
                     fmt.period(row["period"], r.lang).replace(" ", "\u00a0"), value, previous,
                     _change_text(r, row), " ".join(cited)])
    blocks.append(Table(cols, rows, caption=r.t("midyear.caption", year=year,
                                                previous=year - 1),
                        label="tab:midyear", notes=[r.t("midyear.note.change"),
                                                    r.t("midyear.note.partial")],
                        continued=r.t("doc.continued"), font_size=r"\footnotesize"))
    items = [[title, Markup(r"\newline ", "<br>"), Span(url, "url")] for title, url in sources]
    blocks += [Paragraph(r.t("midyear.sources")),
               Items(items, small=True, labels=[f"[{k}]" for k in range(1, len(items) + 1)])]
    return blocks + _comments(r)


def _comments(r) -> list:
    """The assessors' commentary on the year so far (``## chapter: midyear`` in the mid-year
    report's own commentary, ``<year>-<n>M.<lang>.md``).
    """
    return comments(r, [chapter_key(MIDYEAR_CHAPTER)])
