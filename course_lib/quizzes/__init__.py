"""Quizzes: the quiz format (single, multiple, order, match), reading and checking quiz files, and grading answers.

Content lives in ``course_lib/content/quizzes/*.yaml``; the view is ``course_lib.widgets.quiz``.
"""
