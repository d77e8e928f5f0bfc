"""The coach on real company replies (Twitter customer-support sample), when the shared real data is present.

Run with COURSE_REALDATA=/path/to/realdata, or keep the folder at ../shared/realdata next to the project;
otherwise these tests are skipped.
"""

from pathlib import Path

import pytest

from course_lib.coaching.evaluation import TWITTER_SAMPLE, realdata_folder, twitter_company_replies
from course_lib.coaching.reply import coach
from course_lib.errors import ContentError

FOLDER = realdata_folder(Path(__file__).resolve().parents[1])
SAMPLE = FOLDER / TWITTER_SAMPLE if FOLDER else None
needs_realdata = pytest.mark.skipif(SAMPLE is None or not SAMPLE.exists(),
                                reason="real data not found (set COURSE_REALDATA or add ../shared/realdata)")


@pytest.fixture(scope="module")
def pairs():
    if SAMPLE is None or not SAMPLE.exists():
        pytest.skip("real data not found")
    return twitter_company_replies(SAMPLE)


@needs_realdata
def test_the_sample_has_company_replies_linked_to_customer_tweets(pairs):
    assert len(pairs) >= 20
    assert sum(message is not None for _, message in pairs) >= len(pairs) // 2
    assert all(reply.strip() for reply, _ in pairs)


@needs_realdata
def test_every_finding_on_real_replies_lies_inside_the_reply(pairs):
    total = 0
    for reply, message in pairs:
        report = coach(reply, message)
        for finding in report.findings:
            assert 0 <= finding.start < finding.end <= len(reply)
            assert reply[finding.start:finding.end] == finding.text
        assert report.summary[0].startswith("What works:")
        total += len(report.findings)
    # real support replies ask questions and acknowledge feelings: a coach that finds nothing at all is broken
    assert total >= len(pairs) // 4


def test_a_file_without_the_expected_columns_is_named(tmp_path):
    bad = tmp_path / "tweets.csv"
    bad.write_text("id,body\n1,hello\n")
    with pytest.raises(ContentError, match="column\\(s\\) in_response_to_tweet_id, inbound, text, tweet_id missing"):
        twitter_company_replies(bad)
