"""Voice of the customer (module 08): the themes file and how a keyword matches (``theme_book``), the keyword theme
tagger and its tables (``themes``), its chart (``theme_chart``, the only part that imports matplotlib), hand-coding
comments against it (``comment_coding``), who answers surveys (``survey_coverage``) and churn after a bad
experience (``retention``).
"""
