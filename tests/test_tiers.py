"""The source-tier rule (analysis.data.tiers) on a small invented table, its use in the
selection rule, and the shipped table and data.

The expectations are written by hand from the rule as docs/methods.md §7 states it: the longest
entry matching the URL's host (the domain or a subdomain) and path wins; an empty cell takes the
rule's tier; a contradiction is an error; an unknown domain keeps the user's value.
"""

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Resource, system

from analysis.data.loaders import load_actuals
from analysis.data.selection import choose_values, conflicts
from analysis.data.tiers import Entry, apply, load_rule, tier_of
from analysis.errors import WARNING, InputError
from analysis.report.parameters import ReportParameters

ROOT = Path(__file__).resolve().parents[1]
TIERS_CSV = ROOT / "data" / "schema" / "source_tiers.csv"
ACTUALS_CSV = ROOT / "data" / "provinces" / "lai-chau" / "actuals.csv"
TIERS = ("official", "state_press", "other_press", "secondary")

# An invented table: a general entry, precise ones under it, one with a path.
RULE = (
    Entry("gov.vn", "official", "government portals"),
    Entry("radio.gov.vn", "state_press", "a broadcaster on a .gov.vn domain"),
    Entry("paper.vn", "other_press", "a newspaper"),
    Entry("ja.paper.vn", "secondary", "its Japanese edition"),
    Entry("party.vn", "state_press", "a Party paper"),
    Entry("party.vn/en", "secondary", "its English pages, republished"),
    Entry("copies.net", "secondary", "a document-sharing site"),
)
# longest first, as load_rule returns them
RULE = tuple(sorted(RULE, key=lambda e: (-len(e.domain), e.domain)))


@pytest.mark.parametrize("url, tier", [
    ("https://gov.vn/a", "official"),
    ("http://stats.province.gov.vn/report?id=1", "official"),   # a subdomain of gov.vn
    ("https://radio.gov.vn/news/1", "state_press"),             # longer entry beats gov.vn
    ("https://www.radio.gov.vn/news/1", "state_press"),
    ("https://paper.vn/x.html", "other_press"),
    ("https://ja.paper.vn/x.html", "secondary"),                # the translation
    ("https://party.vn/vi/x", "state_press"),
    ("https://party.vn/en/x", "secondary"),                     # path entry
    ("https://party.vn/entry", "secondary"),                    # a path prefix, as documented
    ("https://PAPER.VN/X", "other_press"),                      # hosts are case-insensitive
    ("https://notpaper.vn/x", None),                            # not a subdomain
    ("https://paper.vn.example.com/x", None),
    ("https://unknown.org/x", None),
    ("not a url", None),
])
def test_the_longest_matching_entry_gives_the_tier(url, tier):
    assert tier_of(url, RULE) == tier


def frame(*rows):
    """Actual rows from (source_url, source_tier)."""
    return pd.DataFrame({"source_url": [u for u, _ in rows],
                         "source_tier": [t for _, t in rows],
                         "source_row": range(2, len(rows) + 2)})


def where(row, column):
    return {"file": "actuals.csv", "row": row, "column": column}


def test_apply_fills_checks_and_accepts_the_users_value():
    problems = []
    out = apply(frame(("https://paper.vn/1", ""),             # empty: the rule's tier
                      ("https://paper.vn/2", "other_press"),  # agrees
                      ("https://paper.vn/3", "official"),     # contradicts: an error
                      ("https://unknown.org/4", "state_press"),  # unknown domain: the user's
                      ("https://unknown.org/5", "")),         # unknown and empty: a warning
                where, problems, RULE)
    assert out["source_tier"].tolist() == ["other_press", "other_press", "official",
                                           "state_press", ""]
    errors = [p for p in problems if not p.is_warning]
    warnings = [p for p in problems if p.is_warning]
    assert [(p.row, p.column) for p in errors] == [(4, "source_tier")]
    assert [(p.row, p.column, p.severity) for p in warnings] == [(6, "source_tier", WARNING)]
    error = errors[0]
    # Vietnamese by default, with the domain, what was found and what is expected
    text = error.render("vi")
    assert "actuals.csv, dòng 4, cột 'source_tier'" in text
    assert "bậc nguồn trái với quy tắc" in text and "paper.vn" in text
    assert "thấy 'official'" in text
    assert "cần 'báo chí khác' (other_press) hoặc để trống" in text
    assert "expected other_press (in Vietnamese 'báo chí khác') or empty" in error.render("en")
    assert "unknown.org" in warnings[0].render("vi")


def test_the_loader_applies_the_shipped_rule(tmp_path):
    """A row of the real file format: the tier filled, a contradiction stops the loading."""
    header = ACTUALS_CSV.read_text(encoding="utf-8").splitlines()[0]
    assert "source_url,source_tier,quote" in header
    row = ("grdp_growth_pct,2024,9,pct_per_year,estimate,exact,,2024-12,T,"
           "https://vpubnd.laichau.gov.vn/x,{tier},q,,")
    good = tmp_path / "good.csv"
    good.write_text("\n".join([header, row.format(tier="")]) + "\n", encoding="utf-8")
    assert load_actuals(good)["source_tier"].tolist() == ["official"]
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([header, row.format(tier="bản sao thứ cấp")]) + "\n",
                   encoding="utf-8")  # the Vietnamese word is read as the code
    with pytest.raises(InputError) as info:
        load_actuals(bad)
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.found) == (2, "source_tier", "secondary")


# ---------------------------------------------------------------- the tier in the selection


def candidates(*specs):
    """Rows from (value, status, tier, qualifier, published) for indicator x, 2024."""
    return pd.DataFrame.from_records([
        {"indicator_id": "x", "period": "2024", "value": float(v), "unit": "pct",
         "status": s, "source_tier": t, "qualifier": q, "published": p, "choice": "",
         "source_url": f"https://example.org/{n}", "source_file": "a.csv", "source_row": n}
        for n, (v, s, t, q, p) in enumerate(specs, start=2)])


def test_between_equal_statuses_the_more_authoritative_source_wins():
    # the secondary copy is exact and later; the official portal's is a bound and earlier
    out = choose_values(candidates((7.52, "estimate", "secondary", "exact", "2026-01"),
                                   (8.2, "estimate", "official", "more_than", "2025-11"),
                                   (7.9, "estimate", "other_press", "exact", "2026-02")))
    assert (out.loc[0, "value"], out.loc[0, "chosen_by"]) == (8.2, "tier")


def test_the_status_comes_before_the_tier():
    # a yearbook figure read in a copy is still final: it beats the portal's estimate
    out = choose_values(candidates((6.9, "official", "secondary", "exact", ""),
                                   (7.4, "estimate", "official", "exact", "2025-12")))
    assert (out.loc[0, "value"], out.loc[0, "chosen_by"]) == (6.9, "status")


def test_equal_tiers_fall_through_to_qualifier_and_publication():
    out = choose_values(candidates((40, "reported", "state_press", "more_than", "2025"),
                                   (41.3, "reported", "state_press", "exact", "2024")))
    assert (out.loc[0, "value"], out.loc[0, "chosen_by"]) == (41.3, "qualifier")
    out = choose_values(candidates((1, "reported", "other_press", "exact", "2024"),
                                   (2, "reported", "other_press", "exact", "2025")))
    assert (out.loc[0, "value"], out.loc[0, "chosen_by"]) == (2.0, "published")


def test_a_row_without_a_tier_ranks_after_every_tier():
    out = choose_values(candidates((1, "reported", "", "exact", "2026"),
                                   (2, "reported", "secondary", "exact", "2020")))
    assert (out.loc[0, "value"], out.loc[0, "chosen_by"]) == (2.0, "tier")


def test_conflicts_show_the_order_the_tier_gives():
    cf = conflicts(candidates((3, "estimate", "secondary", "exact", "2026"),
                              (2, "estimate", "state_press", "exact", "2025"),
                              (1, "estimate", "official", "exact", "2024")))
    assert cf["value"].tolist() == [1.0, 2.0, 3.0]
    assert cf["chosen"].tolist() == [True, False, False]


# ---------------------------------------------------------------- the shipped table and data


def test_the_shipped_table_validates_against_its_schema():
    with system.use_context(trusted=True):
        report = Resource(str(TIERS_CSV), schema=str(TIERS_CSV.with_suffix(".schema.json")),
                          ).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    rule = load_rule()
    assert {e.tier for e in rule} == set(TIERS)
    assert [len(e.domain) for e in rule] == sorted((len(e.domain) for e in rule), reverse=True)


def test_the_shipped_table_knows_the_brief_s_examples():
    assert tier_of("https://vov.gov.vn/x") == "state_press"       # not official for .gov.vn
    assert tier_of("http://vpubnd.laichau.gov.vn/x") == "official"
    assert tier_of("https://ja.laodong.vn/x") == "secondary"      # a translation
    assert tier_of("https://laodong.vn/x") == "other_press"
    assert tier_of("https://www.vietnam.vn/ms/x") == "secondary"  # an aggregator
    assert tier_of("https://123docz.net/x") == "secondary"        # document-sharing


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_shipped_actual_has_a_tier_that_agrees_with_the_table():
    """Read with the csv module: the file itself, not what the loader fills in."""
    table = read(TIERS_CSV)
    bad = []
    for number, r in enumerate(read(ACTUALS_CSV), start=2):
        host = re.match(r"^https?://([^/:?#]+)(/[^?#]*)?", r["source_url"])
        matches = [t for t in table if host and (
            host.group(1) == t["domain"].split("/")[0]
            or host.group(1).endswith("." + t["domain"].split("/")[0]))
            and (host.group(2) or "/").startswith(t["domain"][len(t["domain"].split("/")[0]):])]
        expected = max(matches, key=lambda t: len(t["domain"]))["tier"] if matches else None
        if r["source_tier"] not in TIERS or (expected and r["source_tier"] != expected):
            bad.append((number, r["source_url"], r["source_tier"], expected))
    assert not bad, bad


# ---------------------------------------------------------------- the report: tiers, publishers


@pytest.fixture(scope="module")
def report():
    from analysis.report.context import setup

    return setup(ReportParameters("26-ctr-tu", 2025, "vi", report_date="2026-12-01"))


def html_of(blocks) -> str:
    return "\n".join(b.to_html() for b in blocks)


def test_the_summary_counts_the_values_used_by_tier(report):
    from analysis.report.chapters.summary import sources_line

    line = sources_line(report)
    counts = report.used["source_tier"].value_counts()
    numbers = [int(n) for n in re.findall(r"\d+", line)]
    assert numbers == [len(report.used), *(int(counts.get(t, 0)) for t in TIERS)]
    assert sum(numbers[1:]) == numbers[0]  # every value used has a tier
    assert "bản sao thứ cấp" in line


def test_the_data_annex_prints_the_tier_of_each_source_and_whom_to_ask(report):
    from analysis.report.chapters.annexes import data_annex

    text = html_of(data_annex(report))
    assert "Bậc nguồn: bản sao thứ cấp" in text and "Bậc nguồn: nguồn chính thống" in text
    # hospital beds have no value: the gap names the Department of Health
    gap = re.search(r"Số giường bệnh[^<]*</b>[^•]*?Cơ quan công bố: ([^.]+)\.", text)
    assert gap and gap.group(1) == "Sở Y tế tỉnh Lai Châu"


def test_multi_year_totals_are_named_in_their_chapter_never_charted(report):
    from analysis.report import charts
    from analysis.report.chapters.target import multi_year_text

    related = ["export_import_turnover_mn_usd", "ma_lu_thang_export_import_mn_usd"]
    (paragraph,) = multi_year_text(report, related)
    assert "qua cửa khẩu quốc tế Ma Lù Thàng 2021–2025: trên 163\xa0triệu USD" in (
        paragraph.to_html())
    fig = charts.partial_chart(report, "export_import_growth_pct_per_year", related)
    labels = [t.get_text() for ax in fig.figure.axes for t in ax.get_xticklabels()]
    assert labels and not any("2021" in label and "2025" in label for label in labels)
