#!/usr/bin/env bash
# Wall-time linearity of `Extractor::extract` on the pathological texts
# (issue #3: doubling the input at most doubles the time), at sizes
# where the instruction counts of scripts/instr.sh cannot see the
# memory: the caches, and glibc's 32 MiB threshold above which every
# block is mapped afresh at each allocation and unmapped at its free.
# Not part of the tests; a tool for speed work.
#
#   scripts/linear.sh [--runs N] [--sizes "1 2 4 8"] [INPUT...]
#
# For each INPUT (a generated text of the benchmark; default: every
# pathological one) and size in MiB, the time of one call is taken with
# hyperfine as (median of 11 calls - median of 1 call) / 10 of the
# harness (examples/profile.rs `run`), so that making the text is not
# counted; then each size's time over the size before it. It is done
# twice: with glibc's allocator as it is, and with its mmap turned off
# (GLIBC_TUNABLES=glibc.malloc.mmap_max=0, and no trimming of the
# heap), where a big block freed by one call is handed back to the next
# as a small one is. What differs between the two is the allocator's;
# what is left above 2.0 in the second is the caches'.
set -euo pipefail

runs=7
sizes="1 2 4 8"
inputs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --sizes) sizes="$2"; shift 2 ;;
        -h|--help) sed -n 2,20p "$0"; exit 0 ;;
        -*) echo "linear.sh: unknown flag $1" >&2; exit 2 ;;
        *) inputs+=("$1"); shift ;;
    esac
done
[ ${#inputs[@]} -gt 0 ] || inputs=(double-marks unclosed-at-start no-newline
    capitalised distinct-names short-quotes single-short-quotes)

cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v hyperfine >/dev/null || {
    echo "linear.sh: hyperfine not found (apt-get install hyperfine)" >&2
    exit 2
}
cargo build --release --quiet -p whosaid --example profile
bin=$PWD/target/release/examples/profile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The milliseconds of one call of `$1` at `$2` MiB.
call_ms() {
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$tmp/t.json" \
        "$bin run $1 $2 1" "$bin run $1 $2 11" >/dev/null 2>&1
    python3 -c "
import json
r = json.load(open('$tmp/t.json'))['results']
print(f\"{(r[1]['median'] - r[0]['median']) / 10 * 1000:.2f}\")"
}

for allocator in default no-mmap; do
    if [ "$allocator" = no-mmap ]; then
        export GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967295
    fi
    echo "allocator: $allocator (ms a call, and x the size before)"
    for input in "${inputs[@]}"; do
        line=$(printf '%-22s' "$input")
        last=
        for mb in $sizes; do
            ms=$(call_ms "$input" "$mb")
            ratio=
            [ -n "$last" ] && ratio=$(python3 -c "print(f' x{$ms/$last:.2f}')")
            line="$line $(printf '%8s%-7s' "$ms" "$ratio")"
            last=$ms
        done
        echo "$line"
    done
    unset GLIBC_TUNABLES
done
