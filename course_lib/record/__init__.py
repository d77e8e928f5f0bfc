"""The learner record: one SQLite file of events under a pseudonym (``store``), and its exports (CSV, xAPI)."""
