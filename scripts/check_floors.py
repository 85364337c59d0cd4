#!/usr/bin/env python3
"""Summarise score.py results and compare them with floors.

Usage: check_floors.py [--floors FILE | --write-floors FILE] SCORES.json...

Each SCORES.json is the output of `score.py --json` for one corpus; the
corpus is named by the file's stem (`target/eval/polnear-dev.json` is
`polnear-dev`). One summary line is printed per corpus.

With --floors, FILE holds lines `CORPUS METRIC VALUE` (`#` starts a
comment), METRIC one of quote_f1, speaker_accuracy, e2e_f1. The exit
status is 1 when a score is below its floor or a corpus named in FILE
was not scored, and 2 when FILE or a scores file cannot be read.

With --write-floors, FILE is (over)written with every metric of every
corpus given, each rounded down to three decimals.
"""

import argparse
import json
import math
import sys
from pathlib import Path

# Metric name in the floors file -> path to it in score.py's JSON.
METRICS = {
    "quote_f1": ("quote", "f1"),
    "speaker_accuracy": ("attribution", "accuracy"),
    "e2e_f1": ("end_to_end", "f1"),
}


def fail(message):
    print(f"check_floors: {message}", file=sys.stderr)
    sys.exit(2)


def metric(scores, name):
    value = scores
    for key in METRICS[name]:
        value = value[key]
    return value


def read_floors(path):
    floors = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        fail(f"{path}: {e.strerror}")
    for number, line in enumerate(lines, 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 3 or words[1] not in METRICS:
            fail(
                f"{path} line {number}: expected CORPUS METRIC VALUE, "
                f"METRIC one of {', '.join(METRICS)}"
            )
        try:
            value = float(words[2])
        except ValueError:
            fail(f"{path} line {number}: {words[2]!r} is not a number")
        floors.append((words[0], words[1], value))
    return floors


def write_floors(path, results):
    lines = [
        "# Evaluation floors checked by `scripts/eval.sh --check .ci/floors`:",
        "# CORPUS METRIC VALUE, METRIC one of "
        + ", ".join(METRICS)
        + ".",
        "# Written by `scripts/eval.sh --update .ci/floors` (scores rounded",
        "# down to three decimals); raise them when the scores rise.",
    ]
    for corpus in sorted(results):
        for name in METRICS:
            value = math.floor(metric(results[corpus], name) * 1000) / 1000
            lines.append(f"{corpus} {name} {value:.3f}")
    try:
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as e:
        fail(f"{path}: {e.strerror}")
    print(f"wrote {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--floors", metavar="FILE")
    group.add_argument("--write-floors", metavar="FILE")
    parser.add_argument("scores", nargs="+", metavar="SCORES.json")
    args = parser.parse_args()

    results = {}
    for path in map(Path, args.scores):
        try:
            results[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            fail(f"{path}: {e}")
        s = results[path.stem]
        print(
            f"{path.stem:<14} quote F1 {metric(s, 'quote_f1'):.3f}  "
            f"speaker accuracy {metric(s, 'speaker_accuracy'):.3f}  "
            f"end-to-end F1 {metric(s, 'e2e_f1'):.3f}"
        )
    if args.write_floors is not None:
        write_floors(args.write_floors, results)
        return 0
    if args.floors is None:
        return 0

    failures = []
    for corpus, name, floor in read_floors(args.floors):
        if corpus not in results:
            failures.append(f"{corpus}: not scored (floor {name} {floor})")
            continue
        value = metric(results[corpus], name)
        if value < floor:
            failures.append(
                f"{corpus}: {name} {value:.4f} is below its floor {floor}"
            )
    for failure in failures:
        print(f"below floor: {failure}", file=sys.stderr)
    if failures:
        return 1
    print(f"all scores at or above the floors in {args.floors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
