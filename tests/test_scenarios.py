"""analysis.data.scenarios: the custom-scenario YAML format, its validation and save_scenario."""

import pytest

from analysis import DEFAULT_SCENARIOS
from analysis.data.scenarios import HEADER, load_scenarios, parse_scenarios, save_scenario
from analysis.errors import InputError

GOOD = {2026: 12, 2027: 14, 2028: 11, 2029: 10, 2030: 10}


def test_shipped_file_loads_with_bilingual_labels():
    s = load_scenarios(DEFAULT_SCENARIOS)
    h = s["phuc-hoi-thuy-dien"]
    assert h.growth_pct_by_year == {2026: 12.0, 2027: 14.0, 2028: 11.0, 2029: 10.0, 2030: 10.0}
    assert h.label_vi and h.label_en and h.indicator_id == "grdp_growth_pct"


def _problems(data):
    with pytest.raises(InputError) as info:
        parse_scenarios(data, "s.yaml")
    return [p.render("en") for p in info.value.problems]


def entry(**kw):
    e = {"label_vi": "a", "label_en": "a", "growth_pct": dict(GOOD)}
    e.update(kw)
    return e


def test_every_problem_names_file_scenario_and_key():
    msgs = _problems({"version": 1, "scenarios": {
        "hole": entry(growth_pct={2026: 10, 2028: 10, 2029: 10, 2030: 10}),
        "short": entry(growth_pct={2026: 10, 2027: 10}),
        "text": entry(growth_pct={**GOOD, 2027: "mười"}),
        "wild": entry(growth_pct={**GOOD, 2028: 400}),
        "extra": entry(colour="red"),
        "nolabel": {"growth_pct": dict(GOOD)},
        "Bad Name": entry(),
    }})
    joined = "\n".join(msgs)
    assert all(m.startswith("s.yaml") for m in msgs)
    assert "scenario 'hole': years missing in the path" in joined and "2027" in joined
    assert "scenario 'short': path stops before 2030" in joined
    assert "scenarios.text.growth_pct.2027" in joined
    assert "scenario 'wild': implausible growth rate" in joined
    assert "scenarios.extra.colour" in joined
    assert "scenarios.nolabel.label_vi" in joined and "scenarios.nolabel.label_en" in joined
    assert "key 'scenarios.Bad Name': bad scenario name" in joined
    assert len(msgs) == 8


def test_file_level_problems(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("version: 1\nscenarios: [\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenarios(f)
    assert "not valid YAML" in info.value.render("en")
    assert "không phải YAML hợp lệ" in info.value.render("vi")
    with pytest.raises(InputError) as info:
        load_scenarios(tmp_path / "missing.yaml")
    assert "file not found" in info.value.render("en")
    with pytest.raises(InputError) as info:
        parse_scenarios({"version": 2, "scenarios": {}})
    assert "unsupported format version" in info.value.render("en")
    assert parse_scenarios(None) == {}


def test_save_scenario_round_trip_keeps_the_others(tmp_path):
    f = tmp_path / "sc" / "custom.yaml"
    save_scenario(f, "a", GOOD, {"vi": "Kịch bản A", "en": "Scenario A"}, note="why")
    save_scenario(f, "b", {y: 9.5 for y in range(2025, 2031)}, ("B vi", "B en"))
    save_scenario(f, "a", {**GOOD, 2030: 11}, ("A2 vi", "A2 en"))
    text = f.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and "Kịch bản" not in text.split("scenarios:", 2)[-1]
    s = load_scenarios(f)
    assert list(s) == ["a", "b"]
    assert s["a"].growth_pct_by_year[2030] == 11 and s["a"].label_vi == "A2 vi"
    assert s["b"].growth_pct_by_year[2025] == 9.5 and s["b"].label_en == "B en"


def test_a_note_in_each_language_and_the_old_single_note(tmp_path):
    # review #12: one `note` field printed English inside the Vietnamese report
    f = tmp_path / "custom.yaml"
    save_scenario(f, "a", GOOD, ("A", "A"), note={"vi": "Giả định minh họa", "en": "Illustrative"})
    text = f.read_text(encoding="utf-8")
    assert "note_vi: Giả định minh họa" in text and "note_en: Illustrative" in text
    a = load_scenarios(f)["a"]
    assert (a.note_vi, a.note_en) == ("Giả định minh họa", "Illustrative")
    old = parse_scenarios({"version": 1, "scenarios": {"b": {
        "label_vi": "B", "label_en": "B", "note": "một câu", "growth_pct": GOOD}}})["b"]
    assert (old.note_vi, old.note_en) == ("một câu", "một câu")  # one text for both
    one = parse_scenarios({"version": 1, "scenarios": {"c": {
        "label_vi": "C", "label_en": "C", "note": "chung", "note_en": "own", "growth_pct": GOOD}}})
    assert (one["c"].note_vi, one["c"].note_en) == ("chung", "own")


def test_save_scenario_rejects_bad_input_and_leaves_the_file(tmp_path):
    f = tmp_path / "custom.yaml"
    save_scenario(f, "a", GOOD, ("a", "a"))
    before = f.read_text(encoding="utf-8")
    with pytest.raises(InputError) as info:
        save_scenario(f, "b", {2026: 10}, ("b", "b"))
    assert "path stops before 2030" in info.value.render("en")
    assert "lộ trình dừng trước năm 2030" in info.value.render("vi")
    assert f.read_text(encoding="utf-8") == before
