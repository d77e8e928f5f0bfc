"""The course's data sets (``datasets``: generate and load the seeded contact centre), a team's own exports
(``own_data``) and the column checks both pass through (``checks``).
"""
