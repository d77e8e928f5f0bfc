"""How the role-play checker and engine scale: generate scenarios of 1,000 to 10,000 nodes, time them, print figures.

Run: ``.venv/bin/python benchmarks/roleplay_scale.py`` (add sizes as arguments, e.g. ``... 1000 30000``).
Checking should grow linearly with the number of nodes: the "per node" column should stay roughly flat (it creeps
up a little as the data outgrows the processor's caches). Times are CPU seconds of this process.
Figures only; nothing here is asserted (tests never assert wall-clock times).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import yaml

from course_lib.roleplays.check import _graph_problems, _Report, check_scenario_text, parse_yaml, schema_valid
from course_lib.roleplays.engine import RolePlay, best_path_of
from course_lib.roleplays.load import build_scenario

COMPETENCIES = ["listening", "empathy", "ownership"]
OUTCOMES = ["resolved", "partly_resolved", "customer_lost"]


def generate(nodes: int, width: int = 10, seed: int = 0) -> str:
    """A layered scenario of about ``nodes`` nodes: each decision has 3 choices into the next layer; 3 endings."""
    rng = random.Random(seed)
    layers = max(1, (nodes - len(OUTCOMES)) // width)
    ids = [[f"n{layer}_{i}" for i in range(width)] for layer in range(layers)]
    endings = [f"end_{o}" for o in OUTCOMES]
    out = []
    for layer in range(layers):
        following = ids[layer + 1] if layer + 1 < layers else endings
        for i, node_id in enumerate(ids[layer]):
            choices = []
            # Choice 0 goes to the node straight below (so every node is reachable); the others go anywhere.
            targets = [following[i % len(following)]] + [rng.choice(following) for _ in range(2)]
            for number, target in enumerate(targets):
                choice = {
                    "text": f"Say option {number + 1} at {node_id}.",
                    "feedback": f"Why option {number + 1} at {node_id} works or not.",
                    "effects": {"mood": rng.randint(-2, 2)} | {c: rng.randint(0, 3) for c in COMPETENCIES},
                    "next": target,
                }
                if number == 2 and rng.random() < 0.2:
                    choice["condition"] = {"mood_at_most": rng.randint(3, 8), "at_least": {"empathy": 2}}
                choices.append(choice)
            out.append({"id": node_id, "says": f"The customer speaks at {node_id}.", "choices": choices})
    # The start node leads to every node of the first layer, so every node can be reached.
    start_choices = [{"text": f"Start with {n}.", "feedback": f"Why start with {n}.", "next": n} for n in ids[0]]
    out.insert(0, {"id": "start", "says": "Hello.", "choices": start_choices})
    for ending, outcome in zip(endings, OUTCOMES, strict=True):
        out.append({"id": ending, "says": "Goodbye.", "ending": {"outcome": outcome, "debrief": f"Ended: {outcome}."}})
    data = {
        "format": 1, "id": "generated", "title": "Generated", "module": "04", "practises": "scale",
        "setting": {"who": "you", "where": "here", "what_happened": "a test"},
        "persona": {"name": "Customer", "description": "generated"},
        "start_mood": 6, "competencies": COMPETENCIES, "nodes": out,
    }
    return yaml.safe_dump(data, sort_keys=False, width=1000)


def timed(action):
    # CPU time of this process: on a shared machine, wall-clock time mostly measures the neighbours.
    began = time.process_time()
    result = action()
    return result, time.process_time() - began


def measure(nodes: int) -> dict[str, float]:
    text = generate(nodes)
    path = Path("generated.yaml")
    problems, check_s = timed(lambda: check_scenario_text(text, path))
    assert not [p for p in problems if p.is_error], problems[:3]
    parsed, parse_s = timed(lambda: parse_yaml(text, path))
    _, schema_s = timed(lambda: schema_valid(parsed.data))
    _, graph_s = timed(lambda: _graph_problems(parsed.data, _Report(path, parsed.data, parsed.lines)))
    scenario = build_scenario(parsed.data)
    rng = random.Random(1)

    def walk():
        play = RolePlay(scenario)
        while not play.is_over:
            play.choose(rng.randrange(len(play.choices)))
        return play

    play, walk_s = timed(walk)
    state = play.save()
    _, restore_s = timed(lambda: RolePlay.restore(scenario, state))
    _, best_s = timed(lambda: best_path_of.__wrapped__(scenario))  # uncached
    return {"nodes": len(scenario.nodes), "lines": text.count("\n"), "check": check_s, "parse": parse_s,
            "schema": schema_s, "graph": graph_s, "walk": walk_s, "steps": len(play.history), "restore": restore_s,
            "best": best_s}


def main(sizes: list[int], repeat: int = 3) -> None:
    print(f"Best of {repeat} runs per size (CPU seconds; 'per node' in microseconds; 'growth' is check time "
          "relative to the smallest size divided by the size ratio: about 1.0 means linear).")
    print(f"{'nodes':>7} {'lines':>8} {'check':>7} {'per node':>8} {'growth':>6} {'yaml':>6} {'schema':>6} "
          f"{'graph':>6} {'walk':>7} {'steps':>5} {'restore':>7} {'best path':>9}")
    first = None
    for size in sizes:
        runs = [measure(size) for _ in range(repeat)]
        r = {key: min(run[key] for run in runs) for key in runs[0]}
        first = first or r
        growth = (r["check"] / first["check"]) / (r["nodes"] / first["nodes"])
        print(f"{r['nodes']:>7} {r['lines']:>8} {r['check']:>7.2f} {1e6 * r['check'] / r['nodes']:>8.0f} "
              f"{growth:>6.2f} {r['parse']:>6.2f} {r['schema']:>6.2f} {r['graph']:>6.3f} {r['walk']:>7.4f} "
              f"{r['steps']:>5} {r['restore']:>7.4f} {r['best']:>9.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 3_000, 10_000])
