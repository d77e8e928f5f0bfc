"""The reply coach: its rules (``rules``, from ``content/phrases.yaml``, checked by ``schemas/phrases.schema.json``
and :func:`phrase_check.check_phrases_links`), where each rule matches in a reply (``spans``), paraphrase and mirroring
(``paraphrase``), the feedback on one typed reply (``reply``: ``coach()``), the exercises learners reply to
(``exercises``), its measured precision and recall (``evaluation``) and the phrase tables shown in module 03
(``phrase_tables``). The view is ``course_lib.widgets.coach``.
"""
