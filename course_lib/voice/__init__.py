"""Voice of the customer (module 08): the keyword theme tagger (``themes``), hand-coding comments against it
(``comment_coding``), who answers surveys (``survey_coverage``) and churn after a bad experience (``retention``).
"""
