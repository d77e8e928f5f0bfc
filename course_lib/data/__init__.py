"""The course's data and a team's own. Where to look:

- ``datasets.py``: where the course's data sets are, loading them (``load_dataset``) and the data dictionary check;
- ``centre.py``: the fictional contact centre they describe (calendar, volumes, handle times, agents, comments);
- ``contact_simulation.py`` and ``generate.py``: the seeded simulation that writes them;
- ``own_data.py``: a team's own exports (other column names, clock durations, Y/N flags);
- ``checks.py``: the column checks every table passes through, with errors that name the rows.
"""
