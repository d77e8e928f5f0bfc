"""Reports read from the learner record, with the content beside it.

- ``catalogue``: which activities the content defines (module, title), read file by file; a broken file becomes a
  note, never an error in a learner's view.
- ``progress``: a learner's progress per module (``my_progress()``).
- ``course_summary``: the close of the course (``course_summary()``).
- ``debrief``: the trainer's class debrief (``course report``), checked against the shipped scenarios.
- ``demo_class``: an invented class, played with the role-play engine, for the debrief notebook and tests.
- ``exports``: ``export_csv`` / ``export_xapi`` with the catalogue's titles and modules filled in.

Every report reads events through ``course_lib.record.events``; none opens an event's ``response`` itself.
"""
