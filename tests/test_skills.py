"""The skills self-assessment: content checks, results from ratings, and the view."""

import pytest
from matplotlib.figure import Figure

import course_lib
from course_lib.contentfile.check import check_files
from course_lib.record import store as record
from course_lib.skills.assessment import (
    changes,
    check_ratings,
    group_profile,
    load_skills,
    priorities,
    profile_figure,
    skills_file,
    strengths,
)

CONTENT = load_skills()
ALL = {s.id: 3 for s in CONTENT.skills}


def test_the_two_source_lists_are_merged_without_duplicates():
    skills = CONTENT.skills
    assert len(skills) == 32  # 30 + 8, minus the 6 skills both lists name
    sources = [item for s in skills for item in s.sources]
    assert sorted(sources) == sorted([f"000:{n}" for n in range(1, 31)] + [f"001:{n}" for n in range(1, 9)])
    merged = {s.name for s in skills if len(s.sources) == 2}
    assert merged == {"Communication", "Empathy", "Problem solving", "Conflict resolution", "Technical fluency",
                      "Time management"}
    assert len({s.id for s in skills}) == 32
    for skill in skills:
        assert set(skill.levels) == {1, 2, 3, 4, 5} and skill.modules


def test_the_checker_finds_a_duplicate_source_a_missing_level_and_a_wrong_module(tmp_path):
    text = skills_file().read_text()
    text = text.replace('sources: ["001:8"]', 'sources: ["000:7"]', 1)
    text = text.replace('modules: ["09"]\n        levels:\n          1: Sudden', 'modules: ["99"]\n        levels:\n'
                        '          1: Sudden', 1)
    text = text.replace("          5: My team takes its tone from me, and we talk about what we can do first.\n", "")
    path = tmp_path / "skills.yaml"
    path.write_text(text)
    messages = [str(p) for p in check_files([path])]
    assert any("skill 'adaptability': source item '000:7' is already covered by skill 'active_listening'" in m
               for m in messages), messages
    assert any("skill 'adaptability': unknown module '99'" in m for m in messages), messages
    assert any("skill 'positive_thinking': level 5 needs a description" in m for m in messages), messages
    assert any("source items not covered by any skill: 001:8" in m for m in messages), messages
    assert all(m.startswith(f"{path}:") and m.split(":")[1].isdigit() for m in messages), messages


def test_priorities_are_the_lowest_with_the_next_level_and_modules():
    ratings = ALL | {"strong_boundaries": 1, "tone_of_voice": 2, "leadership": 2, "patience": 5}
    found = priorities(ratings)
    assert [p.skill.id for p in found] == ["strong_boundaries", "tone_of_voice", "leadership"]
    assert found[0].next_level == CONTENT.skill("strong_boundaries").levels[2]
    assert found[2].modules == ("06", "09")
    assert [s.id for s in strengths(ratings)] == ["patience"]


def test_nobody_at_5_everywhere_gets_priorities_beyond_5():
    assert priorities({s.id: 5 for s in CONTENT.skills}) == []


def test_ratings_must_be_complete_and_in_range():
    with pytest.raises(ValueError, match="rate every skill first: 1 left, starting with Patience"):
        check_ratings({k: v for k, v in ALL.items() if k != "patience"})
    with pytest.raises(ValueError, match="whole number from 1 to 5"):
        check_ratings(ALL | {"patience": 6})
    with pytest.raises(ValueError, match="did you mean 'patience'"):
        check_ratings(ALL | {"patiense": 3})


def test_changes_and_group_profile():
    after = ALL | {"empathy": 5, "patience": 2}
    changed = changes(ALL, after)
    assert changed.to_dict("records") == [{"skill": "Patience", "before": 3, "now": 2, "change": -1},
                                          {"skill": "Empathy", "before": 3, "now": 5, "change": 2}]
    groups = group_profile(after).set_index("group")["mean rating"]
    assert len(groups) == 5 and groups["Staying calm and steady"] == pytest.approx(2.9, abs=0.05)


def test_profile_figure_has_one_bar_per_skill_and_marks_the_previous_assessment():
    figure = profile_figure(ALL | {"empathy": 5}, previous=ALL)
    assert isinstance(figure, Figure)
    axes = figure.axes[0]
    assert len(axes.patches) == 32
    assert sorted(p.get_width() for p in axes.patches)[-1] == 5
    assert [t.get_text() for t in axes.get_yticklabels()][:2] == ["Patience", "A cool head"]
    assert axes.get_legend() is not None


def test_the_view_saves_to_the_record_and_shows_change_the_second_time(own_record):
    view = course_lib.self_assessment()
    assert len(view.dropdowns) == 32 and all(d.description for d in view.dropdowns.values())
    view.save_button.click()
    assert "Rate every skill first: 32 left" in view.message.value
    for skill_id, dropdown in view.dropdowns.items():
        dropdown.value = 2 if skill_id == "negotiation" else 4
    view.save_button.click()
    assert "Saved to your record" in view.message.value
    assert "Negotiation" in view.results.value and "first self-assessment" in view.results.value
    assert bytes(view.chart.value).startswith(b"\x89PNG") and view.chart.layout.display is None
    stored = record.events()
    assert stored["activity"].tolist() == ["skills:self_assessment"]
    assert stored["response"][0]["ratings"]["negotiation"] == 2

    later = course_lib.self_assessment()  # a later session starts from the previous ratings
    assert later.dropdowns["negotiation"].value == 2
    later.dropdowns["negotiation"].value = 4
    later.save_button.click()
    assert "Negotiation: 2 &rarr; 4 (up 2)" in later.results.value
