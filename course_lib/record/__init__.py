"""The learner record: what each learner did, under a pseudonym, in one SQLite file.

- ``store``: the file itself (SQLite in WAL mode; opening it, writing rows, reading them back); ``fileformat``:
  what makes a file a course record and how it is checked; ``queue``: events waiting while the file is busy.
- ``learner``: the pseudonym events are written under (no other personal data is kept).
- ``events``: THE contract: one writer per kind of event (what the widgets call) and the readers the reports use.
  "How is an event written?" and "what does a role-play ending look like in the record?" are answered there.
- ``export``: CSV (and reading it back), xAPI statements, and combining several records for the debrief.

The record sits below every activity package and report: it imports none of them and reads no content. Titles and
modules of activities come from the content's catalogue (``course_lib.reports.catalogue``), passed in by callers.
"""
