"""The fictional contact centre behind the course's data sets: its calendar, channels and topics, how busy it
is, how long contacts take, its twelve agents and the bank of survey comments.

These are the numbers :mod:`course_lib.data.generate` simulates from; change one and run
``python tools/generate_datasets.py`` to rewrite the CSVs (``datasets/README.md`` describes the result).

>>> [agent.name for agent in AGENTS if agent.learning]  # the new hire, slower at first
['Jonas']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

START = pd.Timestamp("2025-01-06")  # a Monday
WEEKS = 13
END = START + pd.Timedelta(days=7 * WEEKS)  # exclusive: data run to the end of Sunday 6 April 2025
SURGE_DAY = pd.Timestamp("2025-02-18")  # Tuesday of week 7: the product recall
SURGE_HOUR = 9

CHANNELS = ("phone", "chat", "email")
TOPICS = ("billing", "delivery", "technical", "returns", "account", "recall")
PLANS = ("basic", "plus", "premium")

# New contacts per day on an average weekday, by channel, before the weekday factor.
DAILY_VOLUME = {"phone": 118.0, "chat": 55.0, "email": 36.0}
WEEKDAY_FACTOR = (1.22, 1.06, 1.0, 0.97, 0.9, 0.45, 0.0)  # Monday .. Sunday (closed on Sundays)
OPEN_HOURS = {0: (8, 20), 1: (8, 20), 2: (8, 20), 3: (8, 20), 4: (8, 20), 5: (9, 17)}
# Relative arrivals per opening hour on weekdays (8:00 .. 19:00): a morning peak and a smaller afternoon one.
HOUR_PROFILE = (0.55, 1.0, 1.3, 1.2, 0.95, 0.85, 1.05, 1.1, 0.95, 0.75, 0.55, 0.4)
TOPIC_MIX = {"billing": 0.3, "delivery": 0.25, "technical": 0.2, "returns": 0.13, "account": 0.12}
TOPIC_TALK = {"billing": 1.0, "delivery": 0.8, "technical": 1.35, "returns": 0.9, "account": 0.85, "recall": 1.15}
TOPIC_RESOLVE = {"billing": 0.84, "delivery": 0.8, "technical": 0.7, "returns": 0.86, "account": 0.9, "recall": 0.74}

# Median seconds and log-normal spread (sigma) for each part of the handle time, by channel.
TALK = {"phone": (250, 0.55), "chat": (480, 0.5), "email": (260, 0.6)}
ACW = {"phone": (40, 0.5), "chat": (30, 0.5), "email": (25, 0.5)}
HOLD = (60, 0.7)  # phone only; chat and email have no hold
PATIENCE = {"phone": (260, 0.8), "chat": (360, 0.7)}  # median seconds a customer waits before giving up
EMAIL_REPLY = (2.5 * 3600, 0.8)  # median seconds to the first email reply


@dataclass(frozen=True)
class Agent:
    name: str
    speed: float  # handle-time multiplier (below 1 is quicker)
    resolve: float  # added to the chance of resolving
    satisfaction: float  # added to the customer's satisfaction
    starts: pd.Timestamp = START
    slide_per_week: float = 0.0  # satisfaction lost per week (Ben)
    learning: float = 0.0  # extra handle-time multiplier at start, fading over 10 weeks (Jonas)
    false_resolve: float = 0.06  # chance a contact marked resolved comes back anyway


AGENTS = (
    Agent("Amara", 0.85, 0.08, 0.55, false_resolve=0.03),
    Agent("Ben", 1.0, 0.0, 0.35, slide_per_week=0.13),
    Agent("Chloe", 0.97, 0.01, 0.05),
    Agent("Dev", 1.05, 0.0, 0.0),
    Agent("Elena", 0.95, 0.02, 0.1),
    Agent("Farid", 1.02, -0.01, 0.0),
    Agent("Grace", 1.0, 0.0, 0.05),
    Agent("Hiro", 0.98, 0.01, -0.05),
    Agent("Ines", 1.03, -0.01, 0.0),
    Agent("Jonas", 1.2, -0.17, -0.25, starts=pd.Timestamp("2025-01-20"), learning=0.45, false_resolve=0.16),
    Agent("Kemi", 0.96, 0.02, 0.05),
    Agent("Luca", 1.04, 0.0, -0.05),
)
NEW_HIRE, STRONG_PERFORMER, SLIDING_AGENT = "Jonas", "Amara", "Ben"

N_CUSTOMERS = 11000

COMMENTS = {
    "wait_time": ["I waited far too long to get through.", "The wait was ridiculous.",
                  "Took ages before anyone answered.", "Long queue again, nearly gave up.",
                  "Waiting time needs to improve."],
    "email_slow": ["Took more than a day to get a reply to my email.", "Slow to answer my email."],
    "agent_rude": ["{agent} was short with me and didn't listen.", "The agent seemed annoyed with my questions.",
                   "Felt rushed and a bit talked down to.", "{agent} was quite rude, honestly.",
                   "Not very friendly, made me feel like a nuisance."],
    "agent_helpful": ["{agent} was really helpful and patient.", "Friendly agent who knew what to do.",
                      "{agent} explained everything clearly, thank you.", "Lovely person, very helpful.",
                      "The agent went out of their way to help."],
    "product_defect": ["The product stopped working after a week.", "Faulty item, very disappointing quality.",
                       "Worried about the recall, is my unit safe?", "Product broke again, second time."],
    "recall": ["Needed clear information about the recall.", "The recall process was confusing.",
               "Glad the recall was explained to me."],
    "billing": ["I was charged twice this month.", "My bill was wrong again.", "Billing is confusing.",
                "Refund for the overcharge still hasn't arrived."],
    "delivery": ["My parcel is late again.", "Delivery was missed and nobody told me."],
    "resolved_quickly": ["Sorted out in a couple of minutes.", "Quick and easy, problem solved.",
                         "Fixed first time, great.", "Resolved quickly, thanks."],
    "not_resolved": ["Still not fixed.", "Had to contact you again about the same problem.",
                     "Problem is still not solved after several calls.", "Nobody actually fixed anything."],
    "hold": ["Kept on hold for a long time.", "Put on hold twice."],
}
