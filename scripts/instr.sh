#!/usr/bin/env bash
# Instructions a byte inside `Extractor::extract`, counted by callgrind
# (valgrind): repeatable for one binary and input whatever else the
# machine is doing, which wall time on a shared VM is not. Not part of
# the tests; a tool for speed work (issue #3).
#
#   scripts/instr.sh [INPUT...]
#
# Each INPUT is a generated text of the benchmark (`news`, `dialogue`,
# `no-quotes`, `short-quotes`, ...; see benches/extract/corpus.rs) or a
# path (a file, or a folder of files, one text each). Generated texts
# are measured at WHOSAID_INSTR_MB megabytes (default 0.25) and at
# twice that, and the ratio of the two totals is printed: about 2.0 is
# linear. With no INPUT: the dev corpora when ../shared/eval is there,
# then every generated text. WHOSAID_PROFILE names a prebuilt harness
# (target/release/examples/profile) to measure instead of building one.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v valgrind >/dev/null || {
    echo "instr.sh: valgrind not found (apt-get install valgrind)" >&2
    exit 2
}
bin=${WHOSAID_PROFILE:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet -p whosaid --example profile
    bin=target/release/examples/profile
fi
mb=${WHOSAID_INSTR_MB:-0.25}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Instructions inside extract for one run of the harness.
count() {
    valgrind --tool=callgrind --callgrind-out-file="$tmp/out" \
        --toggle-collect='*Extractor*extract*' "$bin" run "$@" \
        2>"$tmp/err" >"$tmp/stdout"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/err"
}

inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
    for d in ../shared/eval/*-dev/docs; do
        [ -d "$d" ] && inputs+=("$d")
    done
    inputs+=(news dialogue no-quotes double-marks unclosed-at-start
        no-newline capitalised distinct-names short-quotes apostrophes
        single-short-quotes curly-marks)
fi

printf '%-40s %12s %14s %10s %8s\n' input bytes instructions 'per byte' 'x2 ratio'
for input in "${inputs[@]}"; do
    n=$(count "$input" "$mb")
    bytes=$(sed -n 's/^\([0-9]*\) bytes.*/\1/p' "$tmp/stdout")
    ratio=-
    if [ ! -e "$input" ]; then
        n2=$(count "$input" "$(python3 -c "print(2*$mb)")")
        ratio=$(python3 -c "print(f'{$n2/$n:.2f}')")
    fi
    printf '%-40s %12s %14s %10s %8s\n' "$input" "$bytes" "$n" \
        "$(python3 -c "print(f'{$n/$bytes:.2f}')")" "$ratio"
done
