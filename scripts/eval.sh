#!/usr/bin/env bash
# Scores whosaid against the development corpora in ../shared/eval.
#
# Usage: scripts/eval.sh [--check FLOORS_FILE | --update FLOORS_FILE]
#
# Builds the release binary, then for each corpus ../shared/eval/*-dev
# (relative to the repository root) writes target/eval/CORPUS.csv and
# target/eval/CORPUS.json (score.py --json) and prints one line: quote
# F1, speaker accuracy, end-to-end F1. With --check, compares the
# scores with the floors in FLOORS_FILE (lines `CORPUS METRIC VALUE`,
# see .ci/floors) and exits 1 if any score is below its floor. With
# --update, rewrites FLOORS_FILE with the current scores rounded down
# to three decimals.
#
# WHOSAID_EVAL_DIR overrides the location of the corpora. When the
# folder does not exist, the script says so and exits 0.
set -euo pipefail

usage() {
    echo "usage: scripts/eval.sh [--check FLOORS_FILE | --update FLOORS_FILE]" >&2
    exit 2
}

floors=""
mode=""
while [ $# -gt 0 ]; do
    case "$1" in
        --check | --update)
            [ $# -ge 2 ] && [ -z "$mode" ] || usage
            mode="$1"
            floors="$2"
            shift 2
            ;;
        -h | --help)
            sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"
            exit 0
            ;;
        *) usage ;;
    esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "$floors" ]; then
    # Resolve the floors file before changing directory.
    if [ "$mode" = --check ] && [ ! -f "$floors" ]; then
        echo "eval: $floors: no such file" >&2
        exit 2
    fi
    floors="$(cd "$(dirname "$floors")" && pwd)/$(basename "$floors")"
fi
cd "$root"

eval_dir="${WHOSAID_EVAL_DIR:-../shared/eval}"
if [ ! -d "$eval_dir" ]; then
    echo "eval: $eval_dir not found, skipping the evaluation"
    exit 0
fi

cargo build --release --locked --quiet -p whosaid-cli
mkdir -p target/eval

scores=()
for corpus_dir in "$eval_dir"/*-dev; do
    [ -d "$corpus_dir" ] || continue
    corpus="$(basename "$corpus_dir")"
    target/release/whosaid extract "$corpus_dir/docs" \
        -o "target/eval/$corpus.csv"
    python3 "$eval_dir/score.py" --gold "$corpus_dir/gold.jsonl" \
        --pred "target/eval/$corpus.csv" --json >"target/eval/$corpus.json"
    scores+=("target/eval/$corpus.json")
done
if [ ${#scores[@]} -eq 0 ]; then
    echo "eval: no corpus matching $eval_dir/*-dev" >&2
    exit 2
fi

case "$mode" in
    --check) exec python3 scripts/check_floors.py --floors "$floors" \
        "${scores[@]}" ;;
    --update) exec python3 scripts/check_floors.py --write-floors "$floors" \
        "${scores[@]}" ;;
    *) exec python3 scripts/check_floors.py "${scores[@]}" ;;
esac
