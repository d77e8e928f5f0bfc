"""The manager-skills self-assessment: the skills and levels in ``content/skills.yaml`` and what a learner's
answers say. The view is ``course_lib.widgets.skills``.
"""
