"""How the fictional centre's contacts happen, contact by contact: who is rostered, when customers arrive, how
they queue first come, first served and hang up when their patience runs out, how long each part of the contact
takes, whether it is resolved, and who comes back. :func:`course_lib.data.generate.generate` builds the tables
from what this returns.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd

from course_lib.data.centre import (
    ACW,
    AGENTS,
    CHANNELS,
    DAILY_VOLUME,
    EMAIL_REPLY,
    END,
    HOLD,
    HOUR_PROFILE,
    OPEN_HOURS,
    PATIENCE,
    START,
    SURGE_DAY,
    SURGE_HOUR,
    TALK,
    TOPIC_MIX,
    TOPIC_RESOLVE,
    TOPIC_TALK,
    WEEKDAY_FACTOR,
    WEEKS,
)


def _lognormal(rng: np.random.Generator, median: float, sigma: float, size=None):
    return median * np.exp(sigma * rng.standard_normal(size))


def agent_week(day: pd.Timestamp) -> int:
    return int((day - START).days // 7) + 1


def _roster(rng: np.random.Generator, day: pd.Timestamp) -> dict[str, tuple[int, int]]:
    """Who works on ``day`` and their shift (start hour, end hour)."""
    weekday = day.weekday()
    if weekday not in OPEN_HOURS:
        return {}
    opens, closes = OPEN_HOURS[weekday]
    roster = {}
    for i, agent in enumerate(AGENTS):
        if day < agent.starts:
            continue
        # Each agent has one day off in Monday-Saturday, spread over the team; half work early, half late.
        if weekday == (i % 6) or rng.random() < 0.04:  # rest day, or off sick
            continue
        if weekday == 5:
            roster[agent.name] = (opens, closes)
        else:
            early = (i + agent_week(day)) % 2 == 0
            roster[agent.name] = (opens, opens + 8) if early else (closes - 8, closes)
    return roster


def _queue_staff(day: pd.Timestamp, hour: int) -> float:
    """Planned agents on phone and chat for this hour, from the usual (forecast) load: the surge is not planned."""
    weekday = day.weekday()
    opens, _ = OPEN_HOURS[weekday]
    profile = HOUR_PROFILE[hour - 8] if weekday < 5 else 1.0
    hours_open = sum(HOUR_PROFILE) if weekday < 5 else 8
    per_hour = (DAILY_VOLUME["phone"] + DAILY_VOLUME["chat"]) * WEEKDAY_FACTOR[weekday] * profile / hours_open
    erlangs = per_hour * 1.2 * 420 / 3600  # about a fifth of contacts are repeats; about 7 minutes each
    return max(2, int(np.ceil(erlangs * 1.1 + 1.2)))


def _arrival_times(rng: np.random.Generator, day: pd.Timestamp, n: int) -> np.ndarray:
    """Seconds after midnight for n arrivals following the time-of-day profile."""
    weekday = day.weekday()
    opens, closes = OPEN_HOURS[weekday]
    hours = np.arange(opens, closes)
    weights = np.array(HOUR_PROFILE if weekday < 5 else [1.0] * len(hours))
    chosen = rng.choice(hours, size=n, p=weights / weights.sum())
    return chosen * 3600 + rng.uniform(0, 3600, size=n)


def _next_open(seconds_from_start: float, rng: np.random.Generator) -> float | None:
    """Move a time (seconds since START) that falls outside opening hours to a time on the next open day
    (drawn from the time-of-day pattern: customers who could not get through call back during the day)."""
    t = pd.Timestamp(START) + pd.Timedelta(seconds=float(seconds_from_start))
    if t >= END:
        return None
    weekday = t.weekday()
    if weekday in OPEN_HOURS:
        opens, closes = OPEN_HOURS[weekday]
        if opens <= t.hour < closes:
            return (t - START).total_seconds()
        if t.hour < opens:
            day = t.normalize()
            return (day - START).total_seconds() + float(_arrival_times(rng, day, 1)[0])
    day = t.normalize() + pd.Timedelta(days=1)
    while day.weekday() not in OPEN_HOURS:
        day += pd.Timedelta(days=1)
    if day >= END:
        return None
    return (day - START).total_seconds() + float(_arrival_times(rng, day, 1)[0])


def simulate_contacts(rng: np.random.Generator, customers: pd.DataFrame) -> pd.DataFrame:
    agents = {a.name: a for a in AGENTS}
    joined_days = ((customers["joined_at"] - START).dt.days).to_numpy()
    customer_ids = customers["customer_id"].to_numpy()
    contact_weight = customers["plan"].map({"basic": 1.0, "plus": 1.2, "premium": 1.5}).to_numpy()
    # A few customers contact much more than others (heavy users).
    contact_weight = contact_weight * rng.gamma(1.5, 1 / 1.5, len(customers))
    order = np.argsort(joined_days, kind="stable")
    rows: list[dict] = []
    pending: list[tuple[float, int, dict]] = []  # repeat contacts scheduled for later: (time, seq, contact)
    seq = 0

    for day_number in range(7 * WEEKS):
        day = START + pd.Timedelta(days=day_number)
        weekday = day.weekday()
        roster = _roster(rng, day)
        day_offset = day_number * 86400.0
        todays: list[dict] = []
        if weekday in OPEN_HOURS:
            level = rng.gamma(40, 1 / 40)  # day-to-day swings around the forecast
            eligible = order[: np.searchsorted(joined_days[order], day_number, side="right")]
            p = contact_weight[eligible] / contact_weight[eligible].sum()
            for channel in CHANNELS:
                n = rng.poisson(DAILY_VOLUME[channel] * WEEKDAY_FACTOR[weekday] * level)
                recall_share = 0.0
                if day == SURGE_DAY:
                    n_recall = rng.poisson({"phone": 240, "chat": 90, "email": 60}[channel])
                else:
                    days_after = (day - SURGE_DAY).days
                    recall_share = 0.3 * np.exp(-days_after / 4) if 0 < days_after <= 21 else 0.0
                    n_recall = 0
                times = _arrival_times(rng, day, n)
                who = rng.choice(eligible, size=n, p=p)
                topics = rng.choice(list(TOPIC_MIX), size=n, p=np.array(list(TOPIC_MIX.values())))
                is_recall = rng.random(n) < recall_share
                for t, c, topic, recall in zip(times, who, topics, is_recall, strict=True):
                    todays.append({"t": day_offset + t, "customer": c, "channel": channel,
                                   "topic": "recall" if recall else str(topic), "repeat": False})
                if n_recall:
                    # The recall is announced at 9:00: a burst that fades through the day.
                    delay = rng.exponential(2.2 * 3600, n_recall)
                    opens, closes = OPEN_HOURS[weekday]
                    t_recall = np.minimum(SURGE_HOUR * 3600 + delay, closes * 3600 - rng.uniform(1, 1800, n_recall))
                    for t, c in zip(t_recall, rng.choice(eligible, size=n_recall, p=p), strict=True):
                        todays.append({"t": day_offset + t, "customer": c, "channel": channel, "topic": "recall",
                                       "repeat": False})
        for contact in todays:
            seq += 1
            heapq.heappush(pending, (contact["t"], seq, contact))
        if not pending or pending[0][0] >= day_offset + 86400:
            continue

        # Who is on the phone/chat queue each hour: the planned number, taken from who is on shift.
        opens, closes = OPEN_HOURS.get(weekday, (8, 20))
        queue_agents: dict[int, list[str]] = {}
        for hour in range(opens, closes + 4):
            on_shift = [name for name, (a, b) in roster.items() if a <= min(hour, closes - 1) < b]
            rng.shuffle(on_shift)
            queue_agents[hour] = on_shift[: _queue_staff(day, min(hour, closes - 1))]
        free_at = {name: day_offset + opens * 3600 for name in roster}
        on_duty = list(roster) or [AGENTS[0].name]

        while pending and pending[0][0] < day_offset + 86400:
            t, _, contact = heapq.heappop(pending)
            channel = contact["channel"]
            hour = int((t - day_offset) // 3600)
            row = {"t": t, "customer_id": int(customer_ids[contact["customer"]]), "channel": channel,
                   "topic": contact["topic"], "repeat": contact["repeat"], "customer": contact["customer"]}
            if channel == "email":
                agent_name = on_duty[int(rng.integers(len(on_duty)))]
                surge = 4.0 if day == SURGE_DAY or (day - SURGE_DAY).days == 1 else 1.0
                wait = _lognormal(rng, EMAIL_REPLY[0] * surge, EMAIL_REPLY[1])
                answered = True
            else:
                candidates = queue_agents.get(hour) or on_duty
                agent_name = min(candidates, key=lambda name: (free_at.get(name, t), name))
                start = max(t, free_at.get(agent_name, t))
                wait = start - t
                patience = _lognormal(rng, *PATIENCE[channel])
                answered = wait <= patience
                if not answered:
                    wait = patience
            row["wait"] = wait
            row["answered"] = answered
            if answered:
                agent = agents[agent_name]
                week = agent_week(day)
                speed = agent.speed * (1 + agent.learning * max(0.0, 1 - (week - 3) / 10))
                talk = _lognormal(rng, TALK[channel][0] * TOPIC_TALK[contact["topic"]] * speed, TALK[channel][1])
                hold = np.nan
                if channel == "phone":
                    hold_chance = (0.45 if contact["topic"] == "technical" else 0.28) + (0.2 if agent.learning else 0)
                    hold = _lognormal(rng, *HOLD) * speed if rng.random() < hold_chance else 0.0
                acw = _lognormal(rng, ACW[channel][0] * speed, ACW[channel][1])
                if channel != "email":
                    free_at[agent_name] = t + wait + talk + (0 if np.isnan(hold) else hold) + acw
                p_resolve = TOPIC_RESOLVE[contact["topic"]] + agent.resolve + (0.05 if contact["repeat"] else 0)
                if day == SURGE_DAY:
                    p_resolve -= 0.05
                resolved = rng.random() < min(p_resolve, 0.97)
                row.update(agent=agent_name, talk=talk, hold=hold, acw=acw, resolved=resolved)
                # Does the customer come back about the same thing?
                comes_back = rng.random() < (agent.false_resolve if resolved else 0.7)
                delay = rng.choice([0.3, 1, 2, 3, 4, 5, 6], p=[0.2, 0.3, 0.2, 0.12, 0.08, 0.06, 0.04])
                delay_seconds = delay * 86400 * rng.uniform(0.6, 1.0)
            else:
                row.update(agent=None, talk=np.nan, hold=np.nan, acw=np.nan, resolved=False)
                comes_back = rng.random() < 0.75
                delay_seconds = _lognormal(rng, 1800, 1.0)
            rows.append(row)
            if comes_back:
                when = _next_open(t + wait + delay_seconds, rng)
                if when is not None:
                    again = "phone" if rng.random() < 0.75 else channel
                    seq += 1
                    heapq.heappush(pending, (when, seq, {"t": when, "customer": contact["customer"],
                                                         "channel": again, "topic": contact["topic"],
                                                         "repeat": True}))

    df = pd.DataFrame(rows).sort_values(["t", "customer_id"], kind="stable").reset_index(drop=True)
    return df
