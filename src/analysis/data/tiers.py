"""Source tiers: how authoritative the publisher of an actual value is.

Every actual value carries the URL where it was read. Who publishes at that address matters to
the people who sign the report: a provincial statistics office or a government portal outranks
a newspaper, which outranks a copy of someone else's text. Four tiers, most authoritative first
(:data:`TIER_RANK`, the enum of ``source_tier`` in ``data/schema/actuals.schema.json``):

``official``
    official statistics or a government or Party-committee portal (``*.gov.vn``,
    ``laichau.dcs.vn``);
``state_press``
    Party or state press: organs of the Party, the State, state agencies and the Fatherland
    Front, the state news agency and broadcasters (Nhân Dân, ĐCSVN, VOV, VNA, Báo Chính phủ,
    provincial Party papers, ministry magazines);
``other_press``
    other newspapers and magazines (those of mass organisations, commercial outlets);
``secondary``
    a secondary copy: document-sharing sites, wikis and their mirrors, aggregators,
    translations republished by others.

The rule
--------
One table, ``data/schema/source_tiers.csv`` (:data:`TIERS_FILE`, schema
``source_tiers.schema.json``), lists domains with their tier, publisher and the reason. A URL
matches an entry when its host is the entry's domain or a subdomain of it
(``laichau.gov.vn`` matches ``vpubnd.laichau.gov.vn``) and, when the entry has a path
(``baohaiduong.vn/en``), the URL's path starts with it. **The longest matching entry wins**, so
a precise entry overrides a general one: ``vov.gov.vn`` (the national radio, state press) over
``gov.vn`` (official), ``ja.laodong.vn`` (a translation) over ``laodong.vn``.

The table is data, not code, so that an office can classify a new source without a
programmer, and a province's rows and another province's use the same table. The loader
(:func:`analysis.data.actuals.load_actuals`, hence ``check``, ``assess`` and ``report``) applies
it to every row (:func:`apply`):

* an empty ``source_tier`` takes the rule's tier;
* a value equal to the rule's is fine;
* a value that contradicts the rule is an error naming file, row, column, found and expected
  (to classify a source differently, add its domain to the table: the longer entry wins);
* for a URL that no entry matches, the row's own value is accepted as the user's; an empty
  cell there is a warning (the value is used, ranked after every tier when sources conflict,
  counted as "tier unknown" in the report), so that a source the table does not know yet does
  not stop the data entry, but is listed among the values to verify until someone classifies
  it.

The selection rule (:mod:`analysis.data.selection`) uses the tier after the status.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from analysis import SCHEMA_DIR
from analysis.data import vocabulary
from analysis.data.schema import SOURCE_TIERS
from analysis.data.validate import load_resource, raise_if
from analysis.errors import WARNING, InputError, Problem
from analysis.messages import text

#: Authority of a tier: lower is more authoritative (the order of the schema's enum).
TIER_RANK = {"official": 0, "state_press": 1, "other_press": 2, "secondary": 3}
#: Column of the actuals holding the tier.
TIER_COLUMN = "source_tier"
#: The rule's table, beside the schemas (its schema is ``data/schema/source_tiers.schema.json``).
TIERS_FILE = SCHEMA_DIR / f"{SOURCE_TIERS}.csv"


@dataclass(frozen=True)
class Entry:
    """One entry of the table: a domain (with an optional path prefix) and its tier."""

    domain: str
    tier: str
    publisher: str

    @property
    def host(self) -> str:
        """The entry's domain without its path (``baohaiduong.vn`` of ``baohaiduong.vn/en``)."""
        return self.domain.split("/", 1)[0]

    @property
    def path(self) -> str:
        """The entry's path prefix ('' when it has none)."""
        return self.domain[len(self.host):]

    def matches(self, host: str, path: str) -> bool:
        """Tell whether a URL's host and path fall under this entry."""
        return ((host == self.host or host.endswith("." + self.host))
                and path.startswith(self.path))


@cache
def load_rule(path: Path | str | None = None) -> tuple[Entry, ...]:
    """Read and validate the rule's table (cached).

    Parameters
    ----------
    path : Path or str, optional
        Default :data:`TIERS_FILE`.

    Returns
    -------
    tuple of Entry
        Longest domain first, so that the first match is the rule's answer.

    Raises
    ------
    InputError
        When the table breaks its schema.
    """
    _, frame, problems = load_resource(Path(path or TIERS_FILE), SOURCE_TIERS)
    raise_if(problems)
    entries = [Entry(r.domain, r.tier, r.publisher) for r in frame.itertuples(index=False)]
    return tuple(sorted(entries, key=lambda e: (-len(e.domain), e.domain)))


def _host_and_path(url: str) -> tuple[str, str]:
    """Lower-case host and path of ``url`` ('' when it has none)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "", ""
    return (parts.hostname or "").lower().rstrip("."), parts.path or "/"


def rule_entry(url: str, rule: tuple[Entry, ...] | None = None) -> Entry | None:
    """The entry of the table that gives ``url``'s tier, or None when none matches.

    Parameters
    ----------
    url : str
        A source URL.
    rule : tuple of Entry, optional
        Default the shipped table (:func:`load_rule`).
    """
    host, path = _host_and_path(url)
    if not host:
        return None
    for entry in rule if rule is not None else load_rule():
        if entry.matches(host, path):
            return entry
    return None


def tier_of(url: str, rule: tuple[Entry, ...] | None = None) -> str | None:
    """The tier the rule gives ``url`` (None when the rule does not know its domain)."""
    entry = rule_entry(url, rule)
    return entry.tier if entry else None


def domain_of(url: str) -> str:
    """The host of ``url``, for messages (the URL itself when it has none)."""
    return _host_and_path(url)[0] or url


def apply(frame: pd.DataFrame, where, problems: list[Problem],
          rule: tuple[Entry, ...] | None = None) -> pd.DataFrame:
    """Fill and check the ``source_tier`` of actual rows against the rule.

    Parameters
    ----------
    frame : pandas.DataFrame
        Actual rows with ``source_url``, ``source_row`` and (optionally) ``source_tier``.
    where : callable
        ``where(row, column)`` giving the location keywords of a :class:`Problem`
        (:meth:`analysis.data.table_reader.RawTable.where`).
    problems : list of Problem
        Problems are appended here.
    rule : tuple of Entry, optional
        Default the shipped table.

    Returns
    -------
    pandas.DataFrame
        ``frame`` with ``source_tier`` filled where the rule knows the source.
    """
    if rule is None:
        try:
            rule = load_rule()
        except InputError as exc:
            problems.extend(exc.problems)
            return frame
    frame = frame.copy()
    given = frame[TIER_COLUMN] if TIER_COLUMN in frame else pd.Series("", index=frame.index)
    filled = []
    for url, value, number in zip(frame["source_url"], given.fillna(""), frame["source_row"],
                                  strict=True):
        entry = rule_entry(url, rule) if url else None
        if entry is None:
            if url and not value:
                problems.append(Problem(
                    **where(int(number), TIER_COLUMN), severity=WARNING,
                    message=text("msg.tier.unknown_source", domain=domain_of(url)),
                    expected=text("msg.tier.unknown_source.expected",
                                  words=", ".join(vocabulary.words(TIER_COLUMN)),
                                  codes=", ".join(TIER_RANK), file=TIERS_FILE.name)))
            filled.append(value)
            continue
        if value and value in TIER_RANK and value != entry.tier:
            problems.append(Problem(
                **where(int(number), TIER_COLUMN),
                message=text("msg.tier.contradicts", domain=entry.domain,
                             publisher=entry.publisher),
                found=value,
                expected=text("msg.tier.contradicts.expected", tier=entry.tier,
                              word=vocabulary.word(TIER_COLUMN, entry.tier),
                              file=TIERS_FILE.name)))
        filled.append(value or entry.tier)
    frame[TIER_COLUMN] = pd.Series(filled, index=frame.index, dtype="str")
    return frame
