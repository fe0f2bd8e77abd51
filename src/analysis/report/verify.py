"""The values to verify in the report: the plausibility warnings of the data, where they matter.

The loaders keep every warning (:attr:`analysis.data.loaders.Dataset.warnings`, mostly from
:mod:`analysis.data.plausibility`): a value that is used although it breaks its own series or
disagrees with a related value. The report shows them twice:

* in the data annex, under "Số liệu cần kiểm tra" / "Values to verify" (:func:`annex`): every
  warning about a value of a period that ends by the last year the report shows, with its file,
  row (or cell) and the message;
* beside the verdict it affects (:func:`marker`): a target whose verdict rests on a value with
  a warning (``Finding.affects_used``: the chosen value of its period; and one of the values
  the assessment lists in the row's ``used_values``: the base and latest values of a level,
  every rate of a chained average, the two levels a rate was computed from) gets a mark under
  its progress class in the status and other-targets tables, pointing to the annex section.
  A published multi-year average, or a year between the base and the latest value of a
  level target, is listed in the annex but marks no verdict: the verdict does not use it.

A value the economist has confirmed (``choice=use`` with a note) has no warning, so it is
neither listed nor marked.
"""

from __future__ import annotations

import html

from analysis.data.plausibility import Finding
from analysis.messages import report_numbers
from analysis.report import formatting as fmt
from analysis.report.document import Heading, Items, Paragraph
from analysis.report.inline import Markup, Ref, Span
from analysis.report.latex import escape

#: Label of the annex section the marks point to.
VERIFY_LABEL = "sec:data-verify"


def _last_year(r) -> int:
    """The last year whose values the report shows (the mid-year's, else the assessed one)."""
    plan = getattr(r, "year_plan", None)
    return plan.data_year if plan is not None else r.year


def _period_end(period: str) -> int | None:
    """The last year of a period (None when unknown)."""
    return fmt.period_end_year(period) if period else None


def shown(r) -> list:
    """The warnings the report lists: about periods ending by the last year it shows."""
    out = []
    for w in getattr(r.dataset, "warnings", []) or []:
        end = _period_end(getattr(w, "period", ""))
        if end is None or end <= _last_year(r):
            out.append(w)
    return out


def warnings_for(r, target_id: str) -> list[Finding]:
    """The warnings that bear on the verdict of ``target_id`` (see the module docstring): on a
    chosen value (``Finding.affects_used``) that the verdict itself rests on (its indicator and
    year in the row's ``used_values``).
    """
    rows = r.main_rows  # indexed once per report
    if target_id not in rows.index:
        return []
    used = set(str(rows.loc[target_id, "used_values"] or "").split(";")) - {""}
    return [w for w in shown(r) if isinstance(w, Finding) and w.affects_used
            and f"{w.indicator_id}:{w.period}" in used]


def marker(r, target_id: str) -> list:
    """Inline parts put under a verdict that a warning affects (empty when none does)."""
    n = len(warnings_for(r, target_id))
    if not n:
        return []
    words = r.t("verify.marker", n=n)
    return [Markup(r"\newline ", "<br>"),
            Markup(rf"{{\smaller {escape(words)}~\ref{{{VERIFY_LABEL}}}}}", html.escape(words),
                   word=[Span(words + "\u00a0", "small"), Ref(VERIFY_LABEL, "small")])]


def table_notes(r) -> list:
    """The note under the status table explaining the mark (none when no verdict is marked)."""
    marked = [t for t in r.dataset.targets["target_id"] if warnings_for(r, t)]
    return [r.t("verify.table_note")] if marked else []


def annex(r) -> list:
    """The data annex's section "Values to verify": every warning, or a line saying none; the
    values chosen for their period first, then those another value of the same period
    replaces (they are not used, but their row still deserves a look). The messages' numbers
    are written the report's way (:func:`analysis.messages.report_numbers`).
    """
    found = shown(r)
    head = Heading(r.t("verify.head"), level=2, label=VERIFY_LABEL)
    if not found:
        return [head, Paragraph(r.t("verify.none"))]
    blocks = [head]
    with report_numbers(fmt.message_number):
        for key, group in (("verify.intro", [w for w in found if _chosen(w)]),
                           ("verify.intro.unused", [w for w in found if not _chosen(w)])):
            if group:
                blocks += [Paragraph(r.t(key)),
                           Items([[w.where(r.lang), ": ", w.text(r.lang)] for w in group],
                                 small=True)]
    return blocks


def _chosen(w) -> bool:
    """Whether a warning is about a chosen value (a plain problem, not a Finding, counts)."""
    return not isinstance(w, Finding) or w.affects_used
