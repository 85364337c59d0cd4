#!/usr/bin/env bash
# Checks that `whosaid eval` scores exactly as the reference scorer,
# ../shared/eval/score.py, on the development corpora.
#
# Usage: scripts/eval-parity.sh
#
# Builds the release binary; for each corpus ../shared/eval/*-dev,
# extracts its docs/ to target/eval-parity/CORPUS.csv, then scores that
# CSV with both scorers, as JSON, for every --kind and with and without
# --attributed-only, and compares every number to three decimals
# (counts exactly). It also scores the docs/ folder directly
# (`whosaid eval --gold GOLD DIR`), and compares the printed table with
# --errors 5 byte for byte. Prints one line per corpus and exits 1 if
# anything differs, showing what.
#
# WHOSAID_EVAL_DIR overrides the location of the corpora. When the
# folder does not exist, the script says so and exits 0.
set -euo pipefail

case "${1:-}" in
    "") ;;
    -h | --help)
        sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"
        exit 0
        ;;
    *)
        echo "usage: scripts/eval-parity.sh" >&2
        exit 2
        ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

eval_dir="${WHOSAID_EVAL_DIR:-../shared/eval}"
if [ ! -d "$eval_dir" ]; then
    echo "eval-parity: $eval_dir not found, skipping"
    exit 0
fi

cargo build --release --locked --quiet -p whosaid-cli
bin=target/release/whosaid
out=target/eval-parity
mkdir -p "$out"

# Compares two score JSON files: same keys, the same numbers to three
# decimals, integers and everything else exactly. Prints each
# difference; exits 1 if there is one.
compare() {
    python3 - "$1" "$2" <<'PY'
import json, sys

def walk(a, b, path, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append('%s.%s: only in %s' % (path, k, 'score.py' if k in a else 'whosaid'))
            else:
                walk(a[k], b[k], '%s.%s' % (path, k), out)
    elif isinstance(a, float) or isinstance(b, float):
        if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) \
                or '%.3f' % a != '%.3f' % b:
            out.append('%s: score.py %r, whosaid %r' % (path, a, b))
    elif a != b:
        out.append('%s: score.py %r, whosaid %r' % (path, a, b))

with open(sys.argv[1]) as f:
    a = json.load(f)
with open(sys.argv[2]) as f:
    b = json.load(f)
diffs = []
walk(a, b, '', diffs)
for d in diffs:
    print('    ' + d)
sys.exit(1 if diffs else 0)
PY
}

status=0
corpora=0
for corpus_dir in "$eval_dir"/*-dev; do
    [ -d "$corpus_dir" ] || continue
    corpora=$((corpora + 1))
    corpus="$(basename "$corpus_dir")"
    gold="$corpus_dir/gold.jsonl"
    pred="$out/$corpus.csv"
    "$bin" extract --quiet "$corpus_dir/docs" -o "$pred"
    failed=()

    for opts in "" "--attributed-only"; do
        for kind in all direct mixed; do
            # $opts is deliberately split into words.
            # shellcheck disable=SC2086
            python3 "$eval_dir/score.py" --gold "$gold" --pred "$pred" \
                --json --kind "$kind" $opts >"$out/$corpus.score.json"
            # shellcheck disable=SC2086
            "$bin" eval --gold "$gold" --json --kind "$kind" $opts \
                "$pred" >"$out/$corpus.whosaid.json"
            if ! compare "$out/$corpus.score.json" "$out/$corpus.whosaid.json"; then
                failed+=("--kind $kind $opts")
            fi
        done
    done

    python3 "$eval_dir/score.py" --gold "$gold" --pred "$pred" --json \
        >"$out/$corpus.score.json"
    "$bin" eval --quiet --gold "$gold" --json "$corpus_dir/docs" \
        >"$out/$corpus.folder.json"
    if ! compare "$out/$corpus.score.json" "$out/$corpus.folder.json"; then
        failed+=("folder")
    fi

    python3 "$eval_dir/score.py" --gold "$gold" --pred "$pred" --errors 5 \
        >"$out/$corpus.score.txt"
    "$bin" eval --gold "$gold" --errors 5 "$pred" >"$out/$corpus.whosaid.txt"
    if ! cmp -s "$out/$corpus.score.txt" "$out/$corpus.whosaid.txt"; then
        diff -u "$out/$corpus.score.txt" "$out/$corpus.whosaid.txt" \
            | sed -n '1,40s/^/    /p' || true
        failed+=("table and --errors text")
    fi

    numbers="$(python3 - "$out/$corpus.score.json" "$out/$corpus.folder.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
print('quote F1 %.3f/%.3f  speaker accuracy %.3f/%.3f  end-to-end F1 %.3f/%.3f'
      % (a['quote']['f1'], b['quote']['f1'], a['attribution']['accuracy'],
         b['attribution']['accuracy'], a['end_to_end']['f1'], b['end_to_end']['f1']))
PY
)"
    if [ ${#failed[@]} -eq 0 ]; then
        printf '%-14s same  (score.py/whosaid: %s)\n' "$corpus" "$numbers"
    else
        printf '%-14s DIFFERENT in: %s\n' "$corpus" "$(IFS=';'; echo "${failed[*]}")"
        status=1
    fi
done
if [ "$corpora" -eq 0 ]; then
    echo "eval-parity: no corpus matching $eval_dir/*-dev" >&2
    exit 2
fi
exit "$status"
