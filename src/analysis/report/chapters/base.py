"""What the chapters say about a target: its class and symbol, its values in cells, its gap,
margin and status in sentences.

The functions take the :class:`~analysis.report.context.Report` and a target's row or id and
return inline parts (text, :class:`~analysis.report.document.Span`, symbols); the chapter
modules compose them into blocks (:mod:`analysis.report.document`). What they read about a
target (its row, values, names) comes from :mod:`analysis.report.queries`, which the charts
share. Nothing here names a particular target, programme or province.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.data.periods import format_years
from analysis.data.statuses import PARTIAL_STATUS
from analysis.engine import progress as pg
from analysis.report import formatting as fmt
from analysis.report import verify
from analysis.report.context import Report
from analysis.report.inline import Markup, Span
from analysis.report.queries import class_of, partial_values, row, target_text, targets, values_of

#: Symbol of each class: a ZapfDingbats glyph in the PDF (survives black-and-white printing),
#: the same shape in HTML.
CLASS_SYMBOLS = {
    pg.ACHIEVED: (r"\ding{52}", "✔"),
    pg.NOT_ACHIEVED: (r"\ding{56}", "✘"),
    pg.NO_TARGET_YEAR_VALUE: (r"\ding{114}", "❒"),
    pg.ON_TRACK: (r"\ding{108}", "●"),
    pg.ACCELERATION_NEEDED: (r"\ding{119}", "◗"),
    pg.INSUFFICIENT: (r"\ding{109}", "❍"),
    pg.MOVING_AWAY: (r"\ding{116}", "▼"),
    pg.OVERSHOT: (r"\ding{115}", "▲"),
    pg.TOO_FEW_RATES: (r"\ding{118}", "❖"),
    pg.ONE_OBSERVATION: (r"\ding{117}", "◆"),
    pg.NO_DATA: (r"\ding{111}", "❏"),
    pg.NOT_MEASURABLE: (r"\textendash{}", "–"),
    pg.SCENARIO_MEETS: (r"\ding{51}", "✓"),
    pg.SCENARIO_FALLS_SHORT: (r"\ding{55}", "✗"),
}
#: The annexes' letters, in their order at the end of the report (their headings carry them).
ANNEX_LETTERS = {"methods": "A", "data": "B", "results": "C", "provenance": "D"}
#: The kind of a target that is a total over its period (forest planted 2021–2030).
CUMULATIVE = "cumulative"
#: Line break inside a table cell.
BREAK = Markup(r"\newline ", "<br>")


def symbol(progress_class: str) -> Markup:
    """The class's symbol."""
    tex, html = CLASS_SYMBOLS.get(progress_class, CLASS_SYMBOLS[pg.NO_DATA])
    return Markup(tex, html)


def class_label(r: Report, progress_class: str) -> list:
    """Symbol and text of a class (the text alone is enough; the symbol helps at a glance)."""
    return [symbol(progress_class), "\u00a0", r.t(f"class.{progress_class}")]


def not_measurable_reason(r: Report, target_id: str) -> str:
    """Why the programme declares a target not measurable ('' for any other target)."""
    why = r.programme.not_measurable.get(target_id)
    return str(why[r.lang]) if why else ""


def verdict_cell(r: Report, row_: dict | None, target_id: str) -> list:
    """A table's verdict: the class, the reason of a target not measurable, and the mark of a
    value to verify (:func:`analysis.report.verify.marker`).
    """
    c = class_of(row_)
    cell = class_label(r, c)
    if c == pg.NOT_MEASURABLE:
        cell += [BREAK, Span(not_measurable_reason(r, target_id), "small")]
    return cell + verify.marker(r, target_id)


def average_years(row_: dict) -> tuple[int, int] | None:
    """The first and last year an average growth covers, when it covers fewer years than its
    target's period (flag ``short_average``); else None.
    """
    for flag in str(row_.get("flags") or "").split(";"):
        name, _, span = flag.partition(":")
        if name == "short_average":
            first, last = span.split("-")
            return int(first), int(last)
    return None


def short_average_text(r: Report, row_: dict, target_id: str) -> list:
    """What a short average covers, and the published averages that cover the years missing
    (they are named, never combined with the annual values): empty for a full period.
    """
    span = average_years(row_)
    if span is None or class_of(row_) in (pg.TOO_FEW_RATES, pg.NO_DATA, pg.NOT_MEASURABLE):
        return []  # no average judged: too few rates says so itself
    first, last = span
    start = int(targets(r).loc[target_id, "period_start"])
    missing = list(range(start, first))
    parts = [r.t("sentence.short_average", years=f"{first}–{last}", n=last - first + 1,
                 period=f"{start}–{int(row_['target_year'])}", missing=years_text(missing))]
    indicator = str(targets(r).loc[target_id, "indicator_id"])
    published = values_of(r, indicator, annual=False)
    published = published[(published["status"] != PARTIAL_STATUS)
                          & (published["start_year"] <= missing[-1])
                          & (published["year"] >= missing[0])]
    for v in published.to_dict("records"):
        covered = [y for y in missing if int(v["start_year"]) <= y <= int(v["year"])]
        parts += [" ", r.t("sentence.short_average.published",
                           period=fmt.period(v["period"], r.lang),
                           value=fmt.qualified(v["value"], str(v["unit"]), v["qualifier"],
                                               r.lang),
                           status=fmt.status(v["status"], r.lang),
                           missing=years_text(covered), years=f"{first}–{last}")]
    return parts


def prob(r: Report, p) -> str:
    """A probability in per cent, ``< 1%`` and ``> 99%`` at the ends
    (:func:`analysis.report.formatting.probability`, as ``assess`` prints it).
    """
    return fmt.probability(p, r.lang)


def years_text(years: Sequence[int]) -> str:
    """``2020–2025`` for a run of three or more, else a list (the one rule,
    :func:`analysis.data.periods.format_years`).
    """
    return format_years(years)


def qualifier_of(r: Report, row_: dict, year_key: str = "latest_year") -> str | None:
    """Qualifier (more_than, about, …) of the chosen value behind a row's latest (or base)
    value.
    """
    if fmt.is_missing(row_.get(year_key)) or row_.get("unit") == "index_base_100":
        return None
    c = r.chosen
    hit = c[(c["indicator_id"] == row_["indicator_id"]) &
            (c["period"].astype(str) == str(int(row_[year_key])))]
    return None if hit.empty else str(hit.iloc[0]["qualifier"])


def value_text(r: Report, x, unit: str, qualifier: str | None = None) -> str:
    """A value with its qualifier and unit (an index says so)."""
    text = fmt.qualified(x, unit, qualifier, r.lang) if qualifier else fmt.value(x, unit, r.lang)
    return r.t("value.index", value=text) if unit == "index_base_100" else text


def latest_cell(r: Report, row_: dict) -> list | str:
    """The latest value, with its year and status under it."""
    if fmt.is_missing(row_["latest_year"]):
        return "–"
    text = value_text(r, row_["latest_value"], str(row_["unit"]), qualifier_of(r, row_))
    return [text, BREAK, Span(f"({int(row_['latest_year'])}, "
                              f"{fmt.status(row_['latest_status'], r.lang)})", "small")]


def cumulative_base(r: Report, target_id: str) -> list | None:
    """The base of a total over the target's period (kind ``cumulative``): no value, since a
    total has none before its period starts ("0 tỷ đồng (2020)" would read as nothing invested
    in 2020), but the year it counts from: ``– (cộng dồn từ 2021)``. None for any other target.
    The status table and the year-by-year table print the same.
    """
    tgt = targets(r).loc[target_id]
    if str(tgt["kind"]) != CUMULATIVE:
        return None
    return ["–", BREAK, Span(r.t("status.cumulative_base", first=int(tgt["period_start"])),
                             "small")]


def base_is_target_year(r: Report, row_: dict) -> bool:
    """A final review's row whose only value is the target year's own: it is judged on that
    value, and no base was "moved" (a base of 2025 for a 2025 target says nothing).
    """
    return (r.final_review and not fmt.is_missing(row_["base_year"])
            and int(row_["base_year"]) >= int(row_["target_year"]))


def base_cell(r: Report, row_: dict) -> list | str:
    """The base value with its year (and "base moved" when it is not the programme's); a total
    over the period: :func:`cumulative_base`.
    """
    cumulative = cumulative_base(r, str(row_["target_id"]))
    if cumulative is not None:
        return cumulative
    if fmt.is_missing(row_["base_year"]) or base_is_target_year(r, row_):
        return "–"
    text = value_text(r, row_["base_value"], str(row_["unit"]),
                      qualifier_of(r, row_, "base_year"))
    year = int(row_["base_year"])
    when = f"({year}, {r.t('status.base_shifted')})" if row_.get("base_year_shifted") \
        else f"({year})"
    return [text, BREAK, Span(when, "small")]


#: The unit of a target stated as a pace (poverty down 2–3 points a year): its gap and margin
#: are paces too, in percentage points a year.
PACE_UNIT = "pp_per_year"
#: Comparators whose bound itself does not meet the target ("trên 95%" is not met by 95).
STRICT_COMPARATORS = ("more_than", "less_than")


def at_strict_bound(row_: dict) -> bool:
    """The value equals a strict bound: no gap to print, but the target is not met."""
    gap = row_.get("gap_to_target")
    return (row_.get("comparator") in STRICT_COMPARATORS and not fmt.is_missing(gap)
            and abs(float(gap)) < 1e-9 and not row_.get("met"))


def gap_text(r: Report, row_: dict) -> str:
    """What remains to the target: ``22,31 điểm %`` (per-cent units) or ``530.000 lượt khách``;
    at a strict bound, that the value equals it without passing it.
    """
    unit = str(targets(r).loc[row_["target_id"], "unit"])
    if unit == PACE_UNIT:  # a pace's shortfall is a pace too: "0,19 điểm %/năm"
        text = fmt.pace(abs(row_["gap_to_target"]), PACE_UNIT, r.lang)
    elif unit in pg.PERCENT_UNITS:
        text = fmt.pp(abs(row_["gap_to_target"]), r.lang, signed=False)
    else:
        text = fmt.value(abs(row_["gap_to_target"]), unit, r.lang)
    return f"{text} {r.t('gap.at_bound')}" if at_strict_bound(row_) else text


def margin_text(r: Report, row_: dict) -> str:
    """By how much a target was missed or exceeded: pp, or the value and %."""
    unit = "pct_per_year" if row_["kind"] == "avg_growth" else str(
        targets(r).loc[row_["target_id"], "unit"])
    if unit == PACE_UNIT:
        text = fmt.pace(row_["margin"], PACE_UNIT, r.lang, signed=True)
    elif unit in pg.PERCENT_UNITS:
        text = fmt.pp(row_["margin"], r.lang)
    else:
        pct = fmt.growth(row_["margin_pct"], r.lang, signed=True, per_year=False)
        text = f"{fmt.value(row_['margin'], unit, r.lang, signed=True)} ({pct})"
    return f"{text} {r.t('gap.at_bound')}" if at_strict_bound(row_) else text


def target_sentence(r: Report, target_id: str) -> list:
    """One or two sentences on a target's status, from its numbers."""
    row_ = row(r, target_id)
    tgt = targets(r).loc[target_id]
    label = Span(f"{tgt[f'name_{r.lang}']}. ", "bold")
    target = target_text(r, target_id)
    c = class_of(row_)
    if c == pg.NOT_MEASURABLE:
        return [label, r.t("sentence.not_measurable", target=target,
                           reason=not_measurable_reason(r, target_id))]
    if row_ is None or fmt.is_missing(row_["latest_year"]) or c == pg.NO_DATA:
        partial = partial_values(r, str(tgt["indicator_id"]))
        parts = [label, r.t("sentence.no_data", base=r.base_year, target=target)]
        if not partial.empty:
            periods = ", ".join(fmt.period(p, r.lang) for p in partial["period"])
            parts += [" ", r.t("sentence.partial_only", periods=periods)]
        return parts
    latest = value_text(r, row_["latest_value"], str(row_["unit"]), qualifier_of(r, row_))
    parts = [label, r.t("sentence.latest", year=int(row_["latest_year"]), value=latest,
                        status=fmt.status(row_["latest_status"], r.lang), target=target)]
    if (r.final_review and tgt["kind"] == "avg_growth"
            and not fmt.is_missing(row_["observed_pace"])):  # no pace sentence follows: the
        # rate the index amounts to, against the target's rate, not an index against a rate
        parts = [label, r.t("sentence.latest.growth", year=int(row_["latest_year"]),
                            value=latest, status=fmt.status(row_["latest_status"], r.lang),
                            target=target, first=int(row_["base_year"]) + 1,
                            average=fmt.growth(row_["observed_pace"], r.lang))]
    if c == pg.ACHIEVED:
        parts += [" ", r.t("sentence.achieved.final" if r.final_review else "sentence.achieved")]
        if r.final_review and not fmt.is_missing(row_["margin"]):
            parts += [" ", r.t("sentence.margin", margin=margin_text(r, row_))]
    elif c == pg.NOT_ACHIEVED:
        parts += [" ", r.t("sentence.not_achieved", margin=margin_text(r, row_))]
    elif c == pg.TOO_FEW_RATES:
        parts += [" ", r.t("sentence.too_few", n=int(row_["n_annual_values"]),
                           min=r.assessment.params.min_rates_for_average,
                           base=int(row_["base_year"]))]
    elif c == pg.ONE_OBSERVATION:
        parts += [" ", r.t("sentence.one_point", gap=gap_text(r, row_),
                           required=fmt.pace(row_["required_pace"], row_["pace_unit"], r.lang),
                           year=int(row_["latest_year"]))]
    elif c == pg.OVERSHOT:
        parts += [" ", r.t("sentence.overshot", gap=gap_text(r, row_))]
    elif c == pg.NO_TARGET_YEAR_VALUE:
        parts += [" ", r.t("sentence.no_target_year_value", gap=gap_text(r, row_),
                           year=int(row_["latest_year"]))]
    elif not fmt.is_missing(row_["observed_pace"]):
        parts += [" ", r.t("sentence.paces",
                           observed=fmt.pace(row_["observed_pace"], row_["pace_unit"], r.lang),
                           base=int(row_["base_year"]),
                           required=fmt.pace(row_["required_pace"], row_["pace_unit"], r.lang),
                           klass=r.t(f"class.{c}").lower())]
    if row_.get("rests_on_estimate") and r.final_review and c in (pg.ACHIEVED, pg.NOT_ACHIEVED):
        parts += [" ", r.t(f"sentence.on_estimate.{row_['latest_status']}")]
    short = short_average_text(r, row_, target_id)
    return parts + ([" ", *short] if short else [])
