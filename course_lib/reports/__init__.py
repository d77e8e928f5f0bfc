"""Reports read from the learner record: a learner's progress (``progress``), the close of the course
(``course_summary``) and the trainer's class debrief (``debrief``).
"""
