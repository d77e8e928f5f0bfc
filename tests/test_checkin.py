"""The start-here check-in: content parsing and the tip logic, without any widget."""

import pytest
import yaml

from course_lib.checkin import confidence_tip, load_checkin, parse_checkin
from course_lib.errors import ContentError


@pytest.fixture
def raw_content():
    return {
        "format": 1,
        "question": "How confident?",
        "levels": {1: "low", 2: "lowish", 3: "mid", 4: "good", 5: "great"},
        "level_advice": {"low": "start small", "middle": "hard cases", "high": "teach others"},
        "challenges": [{"id": "calm", "label": "Staying calm", "tip": "Breathe out.", "module": "04"}],
    }


@pytest.mark.parametrize(("confidence", "band"), [(1, "low"), (2, "low"), (3, "middle"), (4, "high"), (5, "high")])
def test_advice_follows_the_confidence_band(raw_content, confidence, band):
    content = parse_checkin(raw_content)
    tip = confidence_tip(confidence, "calm", content)
    assert tip.level_advice == raw_content["level_advice"][band]
    assert tip.level_label == raw_content["levels"][confidence]


def test_every_shipped_challenge_gives_its_own_tip_and_a_module():
    content = load_checkin()
    techniques = {confidence_tip(3, c.id).technique for c in content.challenges}
    assert len(techniques) == len(content.challenges) >= 4
    assert all(confidence_tip(3, c.id).module in {f"{n:02d}" for n in range(1, 11)} for c in content.challenges)


@pytest.mark.parametrize("bad", [0, 6, 2.5, "3", True, None])
def test_confidence_outside_1_to_5_is_refused(bad):
    with pytest.raises(ValueError, match="whole number from 1 to 5"):
        confidence_tip(bad, "saying_no")


def test_unknown_challenge_lists_the_choices_when_nothing_is_close():
    with pytest.raises(ValueError, match="choose one of: staying_calm, what_to_say"):
        confidence_tip(3, "zzz")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c.pop("question"), "'question' is missing"),
        (lambda c: c["levels"].pop(5), "'levels' must describe each of the levels 1, 2, 3, 4 and 5 (level 5 is "
                                       "missing)"),
        (lambda c: c["level_advice"].pop("high"), "'level_advice' needs text for: high"),
        (lambda c: c["challenges"][0].pop("tip"), "challenge 1 ('calm'): 'tip' is missing"),
        (lambda c: c["challenges"].append(dict(c["challenges"][0])),
         "challenge 2 ('calm'): challenge ids must be unique; repeated: calm"),
        (lambda c: c.update(challenges="calm"), "'challenges' must be a list, not text ('calm')"),
        (lambda c: c["challenges"][0].update(module="13"), "challenge 1 ('calm'): unknown module '13'; expected one "
                                                           "of: 01, 02"),
    ],
)
def test_broken_content_names_the_file_and_the_problem(raw_content, tmp_path, change, message):
    change(raw_content)
    path = tmp_path / "checkin.yaml"
    with pytest.raises(ContentError) as caught:
        parse_checkin(raw_content, path)
    assert str(caught.value) == f"{path}: {message}" or str(caught.value).startswith(f"{path}: {message}")


def test_shipped_file_round_trips_through_yaml(raw_content):
    assert parse_checkin(yaml.safe_load(yaml.safe_dump(raw_content))) == parse_checkin(raw_content)
