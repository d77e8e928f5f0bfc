"""The reply coach: its rules (``rules``, from ``content/phrases.yaml``), the analysis of one typed reply
(``reply``), the exercises learners reply to (``exercises``), its measured precision and recall (``evaluation``) and
the phrase tables shown in module 03 (``phrase_tables``). The view is ``course_lib.widgets.coach``.
"""
