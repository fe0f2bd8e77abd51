"""Choosing one value per indicator and period from conflicting sources.

The actuals file keeps every published value as its own row, so one (indicator, period) may
have several candidates: a provincial estimate published in December, the statistics office's
preliminary figure in spring, its final figure in the yearbook, a newspaper's rounded "more
than 40". The report uses one of them, chosen by this rule (also stated in
``data/schema/actuals.schema.json``):

1. Rows with ``choice = ignore`` are dropped; a key left with no rows has no value.
2. A row with ``choice = use`` wins (``chosen_by = "override"``). Two ``use`` rows for one key
   are an input error.
3. Otherwise the most final status wins, in the one order of the statuses
   (:data:`analysis.data.statuses.STATUS_RANK`): official > preliminary > estimate > reported
   (``"status"``; ``partial-year`` rows only ever compete with each other, a partial period
   always having that status).
4. Then the more authoritative source, in the order :data:`~analysis.data.tiers.TIER_RANK`
   of ``source_tier``: official statistics or government portal > Party or state press >
   other press > secondary copy (``"tier"``; the tier comes from the source's domain,
   :mod:`analysis.data.tiers`). It comes after the status because the status says how final
   the number is, the tier only who printed it: a yearbook figure read on a document-sharing
   site is still the yearbook's final figure, and beats a newspaper's estimate.
5. Then an exact value beats a bound or an approximation (``more_than``, ``about``,
   ``less_than``) (``"qualifier"``).
6. Then the latest ``published`` date, compared as text, so a fuller date in the same year
   (``2024-06``) counts as later than the year alone (``2024``); an unknown date counts as the
   earliest (``"published"``).
7. A remaining tie goes to the first row in file order (``"file_order"``); the row is flagged
   so that an economist can settle it with ``choice``.

A key with one candidate is ``chosen_by = "only"``. ``conflict`` is True when the candidates
(after step 1) disagree on the value, whichever rule settled it.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.statuses import STATUS_RANK
from analysis.data.tiers import TIER_COLUMN, TIER_RANK
from analysis.errors import InputError, Problem
from analysis.messages import text

#: The qualifier that beats every bound or approximation.
EXACT_QUALIFIER = "exact"
#: Values of ``choice``.
CHOICE_USE, CHOICE_IGNORE = "use", "ignore"
#: Columns identifying one value.
VALUE_KEY = ["indicator_id", "period"]
#: Rank columns in the order the rule compares them, with the reason each one gives.
_CRITERIA = (("_status_rank", "status"), ("_tier_rank", "tier"),
             ("_qualifier_rank", "qualifier"), ("_published_rank", "published"))
_HELPERS = ["_override_rank", "_status_rank", "_tier_rank", "_qualifier_rank",
            "_published_rank", "_order"]


def _ranked(actuals: pd.DataFrame) -> pd.DataFrame:
    """Non-ignored rows with helper rank columns, sorted best first within each key."""
    rows = actuals.loc[actuals["choice"] != CHOICE_IGNORE].copy()
    rows["_override_rank"] = (rows["choice"] != CHOICE_USE).astype(int)
    rows["_status_rank"] = rows["status"].map(STATUS_RANK).fillna(len(STATUS_RANK)).astype(int)
    # a row without a tier (a frame built by hand) ranks after every tier
    tier = rows[TIER_COLUMN] if TIER_COLUMN in rows else pd.Series("", index=rows.index)
    rows["_tier_rank"] = tier.map(TIER_RANK).fillna(len(TIER_RANK)).astype(int)
    rows["_qualifier_rank"] = (rows["qualifier"] != EXACT_QUALIFIER).astype(int)
    # latest first: rank the published text in descending order ('' = unknown = last)
    rows["_published_rank"] = rows["published"].fillna("").rank(method="dense", ascending=False)
    rows["_order"] = range(len(rows))
    return rows.sort_values([*VALUE_KEY, *_HELPERS[:-1], "_order"], kind="stable")


def _check_overrides(ranked: pd.DataFrame) -> None:
    """Raise when one key has more than one ``choice = use`` row."""
    uses = ranked.loc[ranked["choice"] == CHOICE_USE]
    problems = []
    for key, group in uses.groupby(VALUE_KEY, sort=False):
        if len(group) > 1:
            first, *rest = group.itertuples(index=False)
            for row in rest:
                problems.append(Problem(
                    file=row.source_file, row=int(row.source_row), column="choice",
                    message=text("msg.choice.second_use", indicator=key[0], period=key[1],
                                 first=int(first.source_row)),
                    found=CHOICE_USE, expected=text("msg.choice.second_use.expected")))
    if problems:
        raise InputError(problems)


def _chosen_by(group: pd.DataFrame) -> str:
    """Why the first row of a sorted candidate group wins."""
    if len(group) == 1:
        return "only"
    best, second = group.iloc[0], group.iloc[1]
    if best["choice"] == CHOICE_USE:
        return "override"
    for column, reason in _CRITERIA:
        if best[column] != second[column]:
            return reason
    return "file_order"


def _annotated(actuals: pd.DataFrame) -> pd.DataFrame:
    """Ranked candidates with n_candidates, conflict, chosen_by and chosen columns."""
    ranked = _ranked(actuals)
    _check_overrides(ranked)
    groups = ranked.groupby(VALUE_KEY, sort=False)
    ranked["n_candidates"] = groups["value"].transform("size").astype("int64")
    ranked["conflict"] = groups["value"].transform("nunique").gt(1)
    reasons = {key: _chosen_by(group) for key, group in groups}
    ranked["chosen_by"] = [reasons[key] for key in zip(ranked["indicator_id"], ranked["period"],
                                                          strict=True)]
    ranked["chosen"] = ~ranked.duplicated(VALUE_KEY, keep="first")
    return ranked


def choose_values(actuals: pd.DataFrame) -> pd.DataFrame:
    """One value per (indicator_id, period), chosen by the rule in the module docstring.

    Parameters
    ----------
    actuals : pandas.DataFrame
        As returned by :func:`analysis.data.actuals.load_actuals`.

    Returns
    -------
    pandas.DataFrame
        The chosen rows with all columns of ``actuals`` plus ``n_candidates`` (int: rows left
        after dropping ``ignore``), ``conflict`` (bool: candidates disagree on the value) and
        ``chosen_by`` (the rule that decided: ``override``, ``only``, ``status``, ``tier``,
        ``qualifier``, ``published`` or ``file_order``); sorted by indicator and period, fresh
        index.

    Raises
    ------
    InputError
        When one key has two rows marked ``use``.
    """
    annotated = _annotated(actuals)
    chosen = annotated.loc[annotated["chosen"]].drop(columns=[*_HELPERS, "chosen"])
    return chosen.reset_index(drop=True)


def conflicts(actuals: pd.DataFrame) -> pd.DataFrame:
    """Every candidate of the keys whose candidates disagree on the value.

    Parameters
    ----------
    actuals : pandas.DataFrame
        As returned by :func:`analysis.data.actuals.load_actuals`.

    Returns
    -------
    pandas.DataFrame
        The candidate rows (``ignore`` rows excluded) of conflicting keys, best first within
        each key, with the columns of ``actuals`` plus ``n_candidates``, ``conflict``,
        ``chosen_by`` (why the key's winner won) and ``chosen`` (bool: this row is the one
        used).
    """
    annotated = _annotated(actuals)
    rows = annotated.loc[annotated["conflict"]].drop(columns=_HELPERS)
    return rows.reset_index(drop=True)
