"""The keyword theme tagger, its content checker, its answer key, and the hand-coding activity."""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import course_lib
from course_lib.contentfile.check import check_files
from course_lib.data.datasets import COMMENTS, load_dataset
from course_lib.voice import comment_coding as cc
from course_lib.voice import themes as th
from course_lib.widgets.comment_coding import CommentCoding

GOOD = """\
format: 1
themes:
  - id: hold
    label: Kept on hold
    description: On hold too long.
    keywords: [hold]
    should_tag: [Put on hold twice.]
    should_not_tag: [The wait was long.]
  - id: wait_time
    label: Waiting
    description: Long queue.
    keywords: [wait, queue]
    should_tag: [The wait was long.]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "themes.yaml"
    path.write_text(text + "\nkind: themes\n", encoding="utf-8")  # last, so the lines asserted stay put
    return path


def messages(path: Path) -> list[str]:
    return [str(p).replace(f"{path}:", "FILE:") for p in check_files([path])]


# ------------------------------------------------------------------------------------------------ the tagger


def test_the_tagger_says_which_word_triggered_each_theme_and_where():
    matches = th.tag_comment("Long queue again, then put on HOLD.")
    assert [(m.theme, m.keyword, m.start, m.text) for m in matches] == [
        ("wait_time", "queue", 5, "queue"), ("not_resolved", "again", 11, "again"), ("hold", "hold", 30, "HOLD")]


def test_keywords_match_whole_words_only_and_ignore_punctuation_and_curly_apostrophes():
    assert th.find_keyword("I waited.", "wait") is None
    assert th.find_keyword("Had to WAIT!", "wait") == (7, 11)
    assert th.find_keyword("He didn\u2019t listen", "didn't listen") == (3, 16)
    assert th.find_keyword("Billing", "bill") is None


@pytest.mark.parametrize("theme", th.load_themes(), ids=lambda t: t.id)
def test_every_shipped_example_is_tagged_as_the_file_says(theme):
    for example in theme.should_tag:
        assert theme.id in {m.theme for m in th.tag_comment(example)}, example
    for example in theme.should_not_tag:
        assert theme.id not in {m.theme for m in th.tag_comment(example)}, example


def test_the_tagger_is_fooled_by_negation_as_the_module_says():
    assert [m.theme for m in th.tag_comment("Nobody actually fixed anything.")] == ["resolved_quickly"]


def test_tag_surveys_and_the_summary_count_comments_per_theme():
    surveys = pd.DataFrame({"contact_id": [1, 2, 3, 4], "csat": [1, 3, 5, 2],
                            "comment": ["Put on hold twice.", "The wait was long, then on hold.", None, " "]})
    tagged = th.tag_surveys(surveys)
    assert tagged[["contact_id", "theme"]].values.tolist() == [[1, "hold"], [2, "wait_time"], [2, "hold"]]
    summary = th.theme_summary(surveys)
    hold = summary.set_index("theme").loc["hold"]
    # 2 commented surveys (the blank one does not count); both mention hold; mean CSAT (1 + 3) / 2
    assert (hold["comments"], hold["share"], hold["mean_csat"]) == (2, 100.0, 2.0)
    assert summary.set_index("theme").loc["wait_time", "share"] == 50.0


def test_the_summary_splits_by_a_segment_from_contacts_or_customers():
    surveys = pd.DataFrame({"contact_id": [1, 2, 3], "csat": [1, 4, 2],
                            "comment": ["On hold.", "Quick.", "On hold again."]})
    contacts = pd.DataFrame({"contact_id": [1, 2, 3], "customer_id": [7, 8, 7], "channel": ["phone", "chat", "phone"],
                             "arrived_at": pd.to_datetime(["2025-01-06"] * 3)})
    customers = pd.DataFrame({"customer_id": [7, 8], "plan": ["basic", "plus"]})
    by_channel = th.theme_summary(surveys, by="channel", contacts=contacts)
    row = by_channel[(by_channel["channel"] == "phone") & (by_channel["theme"] == "hold")].iloc[0]
    assert (row["comments"], row["share"]) == (2, 100.0)
    by_plan = th.theme_summary(surveys, by="plan", contacts=contacts, customers=customers)
    assert set(by_plan["plan"]) == {"basic", "plus"}
    with pytest.raises(course_lib.DataError, match="Pass contacts=contacts"):
        th.theme_summary(surveys, by="channel")


def test_a_surveys_table_without_comments_gets_a_clear_error():
    with pytest.raises(course_lib.DataError, match="'comment'"):
        th.tag_surveys(pd.DataFrame({"contact_id": [1]}))


# ----------------------------------------------------------------------------------------------- the checker


def test_the_shipped_themes_file_has_no_problems():
    assert check_files([th.THEMES_FILE]) == []


def test_a_good_file_passes(tmp_path):
    assert messages(write(tmp_path, GOOD)) == []


def test_every_problem_is_reported_with_its_line(tmp_path):
    broken = GOOD.replace("    label: Kept on hold\n", "    lable: Kept on hold\n") \
                 .replace("keywords: [wait, queue]", "keywords: []") \
                 .replace("  - id: wait_time", "  - id: hold")
    assert messages(write(tmp_path, broken)) == [
        "FILE:3: theme 'hold': 'label' is missing",
        "FILE:4: theme 'hold': unknown key 'lable' (did you mean 'label'?)",
        "FILE:9: theme 'hold': duplicate id: already used on line 3",
        "FILE:12: theme 'hold': 'keywords' is empty",
    ]


def test_examples_that_the_tagger_does_not_tag_as_stated_are_reported(tmp_path):
    broken = GOOD.replace("should_tag: [Put on hold twice.]", "should_tag: [Put on holding twice.]") \
                 .replace("should_not_tag: [The wait was long.]", "should_not_tag: [The hold was long.]")
    assert messages(write(tmp_path, broken)) == [
        "FILE:7: theme 'hold': example 'Put on holding twice.' should get this theme, but none of its keywords "
        "appears in it",
        "FILE:8: theme 'hold': example 'The hold was long.' should not get this theme, but the keyword 'hold' "
        "appears in it",
    ]


def test_format_unknown_top_keys_and_shared_keywords(tmp_path):
    broken = GOOD.replace("format: 1", "format: 0\nthemse: []").replace("keywords: [wait, queue]",
                                                                     "keywords: [wait, hold, '!!']")
    assert messages(write(tmp_path, broken)) == [
        "FILE:1: format is 0; this version of the course reads format 1",
        "FILE:2: unknown key 'themse' (did you mean 'themes'?)",
        "FILE:13: theme 'wait_time': keyword 3 ('!!') has no letters or digits to match",
        "FILE:13: theme 'wait_time': warning: keyword 'hold' is also a keyword of theme 'hold': every comment with "
        "it gets both themes",
    ]


def test_broken_yaml_is_one_problem_with_its_line(tmp_path):
    path = tmp_path / "themes.yaml"
    path.write_text("format: 1\nthemes: [\n", encoding="utf-8")
    assert messages(path) == ["FILE:3: not valid YAML: did not find expected node content"]


# --------------------------------------------------------------------------------------------- the answer key


def test_every_comment_in_the_course_data_maps_back_to_the_sentence_bank():
    surveys = load_dataset("surveys")
    commented = surveys["comment"].dropna()
    coding = cc.reference_coding(surveys)
    assert coding["contact_id"].nunique() == len(commented) > 1000
    assert set(coding["theme"]) <= set(COMMENTS)
    assert set(coding["theme"]) <= {t.id for t in th.load_themes()}


def test_a_comment_not_from_the_bank_has_no_answer_key():
    with pytest.raises(course_lib.DataError, match="no answer key"):
        cc.reference_themes("The shop was cold.")
    assert cc.reference_themes("Jonas was quite rude, honestly. Still not fixed.") == ("agent_rude", "not_resolved")


def test_precision_and_recall_from_counts_checked_by_hand():
    #           comment 1        comment 2       comment 3      comment 4
    reference = [{"hold"}, {"hold", "billing"}, {"billing"}, {"wait_time"}]
    tagged = [{"hold"}, {"billing"}, {"billing", "hold"}, set()]
    table = cc.precision_recall(reference, tagged, ["hold", "billing", "wait_time"]).set_index("theme")
    # hold: reference in 1, 2; tagged in 1, 3 -> both 1; precision 1/2, recall 1/2
    assert table.loc["hold", ["reference", "tagged", "both", "missed", "wrong"]].tolist() == [2, 2, 1, 1, 1]
    assert table.loc["hold", ["precision", "recall"]].tolist() == [50.0, 50.0]
    # billing: reference 2, 3; tagged 2, 3 -> perfect
    assert table.loc["billing", ["precision", "recall"]].tolist() == [100.0, 100.0]
    # wait_time: never tagged -> precision undefined, recall 0
    assert pd.isna(table.loc["wait_time", "precision"]) and table.loc["wait_time", "recall"] == 0.0
    with pytest.raises(ValueError, match="same comments"):
        cc.precision_recall([{"a"}], [], ["a"])


def test_tagger_accuracy_on_the_course_data_adds_up():
    surveys = load_dataset("surveys")
    table = cc.tagger_accuracy(surveys).set_index("theme")
    n = surveys["comment"].notna().sum()
    refs = cc.reference_coding(surveys)
    assert table.loc["hold", "reference"] == (refs["theme"] == "hold").sum()
    assert (table["both"] + table["missed"] == table["reference"]).all()
    assert (table["tagged"] <= n).all()
    # The tagger is not tuned to be perfect: negation and "again" cost it precision.
    assert table.loc["resolved_quickly", "precision"] < 90
    assert table.loc["not_resolved", "recall"] < 90


def test_the_mistakes_are_explained():
    surveys = load_dataset("surveys")
    mistakes = cc.tagger_mistakes(surveys, theme="resolved_quickly")
    nobody = mistakes[mistakes["comment"] == "Nobody actually fixed anything."].iloc[0]
    assert "'nobody' comes just before it" in nobody["why"]
    again = cc.tagger_mistakes(surveys, theme="not_resolved")
    assert again["why"].str.contains("because of 'again'").any()


# --------------------------------------------------------------------------------------------- hand coding


def test_the_sample_is_fixed_and_half_tricky():
    surveys = load_dataset("surveys")
    first, second = cc.coding_sample(surveys), cc.coding_sample(surveys)
    assert first.equals(second) and len(first) == cc.SAMPLE_SIZE
    tricky = [{m.theme for m in th.tag_comment(c)} != set(cc.reference_themes(c)) for c in first["comment"]]
    assert sum(tricky) == cc.SAMPLE_SIZE // 2
    kinds = set().union(*(cc.mistake_kinds(c) for c in first["comment"]))
    assert {"negation", "again", "other"} <= kinds
    assert first["comment"].map(cc.comment_template).is_unique
    assert cc.coding_sample(surveys, seed=7)["contact_id"].tolist() != first["contact_id"].tolist()


def test_compare_coding_scores_and_explains():
    sample = pd.DataFrame({"contact_id": [1, 2], "comment": ["Nobody actually fixed anything.", "Put on hold twice."]})
    result = cc.compare_coding(sample, {1: ["not_resolved"], 2: ["hold", "wait_time"]})
    assert (result.learner_agreed, result.tagger_agreed) == (1, 1)
    assert result.comments[0].learner_agrees and not result.comments[0].tagger_agrees
    assert any("'nobody' comes just before it" in note for note in result.comments[0].notes)
    with pytest.raises(ValueError, match="unknown theme"):
        cc.compare_coding(sample, {1: ["not_resolvd"]})


@pytest.mark.usefixtures("own_record")
def test_the_widget_codes_compares_and_records():
    view = course_lib.code_comments()
    assert view.position.value == f"Comment 1 of {cc.SAMPLE_SIZE}"
    assert view.previous_button.disabled
    view.compare_button.click()
    assert "Not yet" in view.feedback.value and "1, 2, 3" in view.feedback.value
    # Code every comment exactly as the answer key, moving with Next; go back once to check ticks are kept.
    for i, comment in enumerate(view.sample["comment"]):
        for theme in cc.reference_themes(comment):
            view.checks[theme].value = True
        if i < len(view.sample) - 1:
            view.next_button.click()
    assert view.next_button.disabled
    view.previous_button.click()
    expected = set(cc.reference_themes(view.sample["comment"].iloc[-2]))
    assert {t for t, box in view.checks.items() if box.value} == expected
    view.compare_button.click()
    html = view.feedback.value
    assert f"You matched the answer key on {cc.SAMPLE_SIZE} of {cc.SAMPLE_SIZE} comments (100.0 %)" in html
    assert "The keyword tagger matched it on 6 of 12" in html
    assert "&#10008; differs" in html and "word: &lsquo;" in html
    log = course_lib.events()
    done = log[log["activity"] == "coding:survey_comments"]
    assert done["score"].tolist() == [100.0] and done["module"].tolist() == ["08"]


@pytest.mark.usefixtures("own_record")
def test_the_widget_escapes_comment_text():
    surveys = pd.DataFrame({"contact_id": [1, 2], "csat": [1, 5],
                            "comment": ["Put on hold twice.", "Still not fixed."]})
    hostile = th.Theme("hold", "<b>Hold</b>", "d", ("hold",), ("hold",))
    view = CommentCoding(surveys, themes=(hostile, *[t for t in th.load_themes() if t.id != "hold"]))
    for _ in range(2):
        view.checks["hold"].value = True
        view.next_button.click()
    view.compare_button.click()
    assert "<b>Hold</b>" not in view.feedback.value and "&lt;b&gt;Hold&lt;/b&gt;" in view.feedback.value
    assert "&lt;b&gt;Hold&lt;/b&gt;" in view.definitions.value and "<b>Hold</b>" not in view.definitions.value


def test_the_activity_is_in_the_progress_catalogue():
    from course_lib.reports.progress import activity_catalogue

    catalogue = activity_catalogue()
    assert catalogue.loc[catalogue["activity"] == "coding:survey_comments", "module"].tolist() == ["08"]


def test_checking_the_themes_file_imports_no_chart_library():
    """`course check` stays quick: reading and checking themes.yaml needs neither matplotlib nor pandas."""
    code = ("import sys; from course_lib.contentfile.check import check_files; "
            "from course_lib.voice.theme_book import THEMES_FILE, load_themes; "
            "assert check_files([THEMES_FILE]) == [] and load_themes(); "
            "print(sorted(m for m in ('matplotlib', 'pandas') if m in sys.modules))")
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                         env={**os.environ, "PYTHONPATH": str(root)}, check=True).stdout
    assert out.strip() == "[]"
