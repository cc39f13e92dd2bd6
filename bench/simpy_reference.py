#!/usr/bin/env python3
"""The reference queueing model of scenarios/bench/reference.yaml in SimPy, for `bench/compare`:
calls at a constant 0.2 a second on one line, 55 call handlers (first come, first served; a
caller hangs up after an exponential patience, mean 120 s), exponential handling (mean 240 s);
60 % of answered calls become incidents, graded 1/2/3 in 20/30/50 %, each waiting for one of 235
officers by grade, then exponential travel (mean 600 s) and time at scene (mean 1200 s).

Prints the calls simulated and the calls simulated per second of wall time (median of --repeat).
"""
import argparse
import random
import statistics
import time

import simpy

RATE = 0.2
HANDLERS, OFFICERS = 55, 235
PATIENCE, HANDLING, TRAVEL, ON_SCENE = 120.0, 240.0, 600.0, 1200.0


def run(calls, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    handlers = simpy.Resource(env, capacity=HANDLERS)
    officers = simpy.PriorityResource(env, capacity=OFFICERS)
    counts = {"offered": 0, "answered": 0, "abandoned": 0, "incidents": 0, "attended": 0}

    def incident(grade):
        with officers.request(priority=grade) as unit:
            yield unit
            yield env.timeout(rng.expovariate(1 / TRAVEL))
            counts["attended"] += 1
            yield env.timeout(rng.expovariate(1 / ON_SCENE))

    def call():
        counts["offered"] += 1
        patience = rng.expovariate(1 / PATIENCE)
        with handlers.request() as seat:
            answered = yield seat | env.timeout(patience)
            if seat not in answered:
                counts["abandoned"] += 1
                return
            counts["answered"] += 1
            yield env.timeout(rng.expovariate(1 / HANDLING))
        if rng.random() < 0.6:
            counts["incidents"] += 1
            u = rng.random()
            env.process(incident(1 if u < 0.2 else 2 if u < 0.5 else 3))

    def arrivals():
        while True:
            yield env.timeout(rng.expovariate(RATE))
            env.process(call())

    env.process(arrivals())
    started = time.perf_counter()
    env.run(until=calls / RATE)
    return counts, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rates, counts = [], None
    for k in range(args.repeat):
        counts, seconds = run(args.calls, seed=k + 1)
        rates.append(counts["offered"] / seconds)
    print(f"SimPy reference model: {counts['offered']:,} calls, {args.repeat} run(s) "
          f"({counts['answered']:,} answered, {counts['incidents']:,} incidents, {counts['attended']:,} attended)")
    print(f"  calls simulated per second   {int(statistics.median(rates)):,}"
          f"  (range {int(min(rates)):,} to {int(max(rates)):,})")


if __name__ == "__main__":
    main()
