"""Quizzes: the quiz format (single, multiple, order, match), reading and checking quiz files, and grading answers.

A quiz file in ``course_lib/content/quizzes/NAME.yaml`` starts with ``kind: quiz``, has ``format: 1``, a ``title``,
a ``module`` ("05"), an optional ``intro`` and a list of ``questions``; its full format is
``course_lib/content/schemas/quiz.schema.json``. The code lives in ``model.py`` (the objects), ``load.py``
(reading and checking) and ``grading.py`` (answers, feedback, summaries); the view is ``course_lib.widgets.quiz``.
"""


from course_lib.quizzes.grading import (
    answer_for_record,
    grade,
    missing_answer,
    shown_options,
    shuffled_steps,
    summarise,
)
from course_lib.quizzes.load import (
    build_quiz,
    check_quiz_file,
    check_quiz_links,
    load_quiz,
    parse_quiz,
    quiz_dir,
    quiz_modules,
    quiz_names,
)
from course_lib.quizzes.model import (
    PASS_MARK,
    QUIZ_FORMAT,
    TYPES,
    Option,
    OptionFeedback,
    Pair,
    Question,
    Quiz,
    Result,
    Summary,
)

__all__ = [
    "PASS_MARK", "QUIZ_FORMAT", "TYPES", "Option", "OptionFeedback", "Pair", "Question", "Quiz", "Result", "Summary",
    "answer_for_record", "build_quiz", "check_quiz_file", "check_quiz_links", "grade", "load_quiz", "missing_answer",
    "parse_quiz", "quiz_dir", "quiz_modules", "quiz_names", "shown_options", "shuffled_steps", "summarise",
]
