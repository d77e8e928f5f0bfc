"""Quizzes: the quiz format (single, multiple, order, match), reading and checking quiz files, and grading answers.

``model.py`` holds the objects, ``load.py`` reads and checks files (on ``course_lib.contentfile``), ``grading.py``
grades answers. Content lives in ``course_lib/content/quizzes/*.yaml``; the view is ``course_lib.widgets.quiz``.
"""

from course_lib.quizzes.grading import answer_for_record, grade, missing_answer, summarise
from course_lib.quizzes.load import check_quiz_file, load_quiz, quiz_modules, quiz_names
from course_lib.quizzes.model import PASS_MARK, Question, Quiz, Result, Summary

__all__ = ["PASS_MARK", "Question", "Quiz", "Result", "Summary", "answer_for_record", "check_quiz_file", "grade",
           "load_quiz", "missing_answer", "quiz_modules", "quiz_names", "summarise"]
