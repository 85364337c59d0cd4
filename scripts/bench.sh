#!/usr/bin/env bash
# Times `whosaid extract` on a folder of about 100 MB of articles, side
# by side with ripgrep reading the same files.
#
# Usage: scripts/bench.sh [--big] [--runs N] [--size MB]
#
# Builds the release binary, then fills target/bench-corpus/SIZE-MB/
# (kept between runs) with copies of ../shared/eval/*-dev/docs, or of
# data/examples when the corpora are absent, nested two folders deep,
# until it holds SIZE MB (100 by default; --big: 1024, to check memory
# on a large run). With the page cache warm, it times
#
#   whosaid extract -j1 DIR -o /dev/null   (one thread)
#   whosaid extract -j2 DIR -o /dev/null   (two threads)
#   whosaid extract DIR -o /dev/null       (all cores)
#   rg -c '["“”]' DIR                      (ripgrep: every quotation mark)
#
# with hyperfine (median of N runs, 3 by default) or, without it, a loop
# of /usr/bin/time, and prints each one's time and MiB/s, whosaid's time
# over ripgrep's, the -j2 speed-up over -j1, and whosaid's peak resident
# memory and page faults on all cores (/usr/bin/time -v). ripgrep, hyperfine and time
# are installed with apt-get when missing and running as root.
#
# Not part of the tests: timings depend on the machine and its load.
set -euo pipefail

usage() {
    echo "usage: scripts/bench.sh [--big] [--runs N] [--size MB]" >&2
    exit 2
}

size_mb=100
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --big) size_mb=1024; shift ;;
        --size)
            [ $# -ge 2 ] || usage
            size_mb="$2"
            shift 2
            ;;
        --runs)
            [ $# -ge 2 ] || usage
            runs="$2"
            shift 2
            ;;
        -h | --help)
            sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "$0"
            exit 0
            ;;
        *) usage ;;
    esac
done
case "$size_mb$runs" in
    *[!0-9]*) usage ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Installs a Debian package when its command is missing and we may.
apt_installed=0
need() {
    local command="$1" package="$2"
    if command -v "$command" >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "bench: installing $package" >&2
        if [ "$apt_installed" -eq 0 ]; then
            apt-get update -qq >/dev/null 2>&1 || true
            apt_installed=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" \
            >/dev/null 2>&1 || true
    fi
    command -v "$command" >/dev/null 2>&1
}
need rg ripgrep || { echo "bench: ripgrep (rg) is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || need /usr/bin/time time \
    || { echo "bench: /usr/bin/time is needed (package time)" >&2; exit 2; }
have_hyperfine=1
need hyperfine hyperfine || have_hyperfine=0

cargo build --release --locked --quiet -p whosaid-cli
whosaid="$root/target/release/whosaid"

# The sources to replicate.
sources=()
for docs in ../shared/eval/*-dev/docs; do
    [ -d "$docs" ] && sources+=("$docs")
done
[ ${#sources[@]} -gt 0 ] || sources=(data/examples)

corpus="$root/target/bench-corpus/$size_mb-MB"
stamp="$corpus.stamp"
want="$size_mb MB of ${sources[*]}"
bytes_of() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "bench: building $corpus ($want)" >&2
    rm -rf "$corpus" "$stamp"
    mkdir -p "$corpus"
    one=0
    for src in "${sources[@]}"; do
        one=$((one + $(bytes_of "$src")))
    done
    [ "$one" -gt 0 ] || { echo "bench: no text in ${sources[*]}" >&2; exit 2; }
    copies=$(((size_mb * 1000000 + one - 1) / one))
    for ((k = 0; k < copies; k++)); do
        for src in "${sources[@]}"; do
            name="$(basename "$(dirname "$src")")"
            [ "$name" = . ] && name="$(basename "$src")"
            dest="$corpus/$(printf 'copy-%04d' "$k")/$name"
            mkdir -p "$dest"
            cp -R "$src/." "$dest/"
        done
    done
    echo "$want" >"$stamp"
fi
bytes="$(bytes_of "$corpus")"
files="$(find "$corpus" -type f | wc -l)"
cores="$(nproc)"
printf 'corpus: %s (%d files, %.1f MiB); %d cores\n' \
    "$corpus" "$files" "$(echo "$bytes / 1048576" | bc -l)" "$cores"

# Warm the page cache, so that both tools read from memory.
find "$corpus" -type f -exec cat {} + >/dev/null

names=("whosaid -j1" "whosaid -j2" "whosaid (all $cores)" "ripgrep")
commands=(
    "$whosaid extract -j1 $corpus -o /dev/null"
    "$whosaid extract -j2 $corpus -o /dev/null"
    "$whosaid extract $corpus -o /dev/null"
    # --no-ignore: the corpus is under target/, which .gitignore lists.
    "rg -c --no-ignore '[\"“”]' $corpus"
)
times=()
if [ "$have_hyperfine" -eq 1 ]; then
    json="$(mktemp)"
    args=()
    for i in "${!names[@]}"; do
        args+=(-n "${names[$i]}" "${commands[$i]}")
    done
    # The page cache is warm already; a warm-up run more only for
    # repeated runs (`--big --runs 1` is a memory check).
    warmup=1
    [ "$runs" -gt 1 ] || warmup=0
    hyperfine --warmup "$warmup" --runs "$runs" --style basic \
        --export-json "$json" "${args[@]}" >&2
    mapfile -t times < <(python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["median"])' "$json")
    rm -f "$json"
else
    for i in "${!names[@]}"; do
        samples=()
        [ "$runs" -gt 1 ] && eval "${commands[$i]}" >/dev/null # warm-up
        for ((r = 0; r < runs; r++)); do
            t="$({ /usr/bin/time -f %e bash -c "${commands[$i]} >/dev/null" \
                ; } 2>&1 | tail -1)"
            samples+=("$t")
        done
        times+=("$(printf '%s\n' "${samples[@]}" | sort -g \
            | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')")
    done
fi

# Peak memory and the page faults of one run on all cores: memory a run
# touches afresh costs kernel time that instruction counts do not show.
read -r rss_kb faults < <({ /usr/bin/time -v "$whosaid" extract "$corpus" \
    -o /dev/null; } 2>&1 | awk -F: '
    /Maximum resident set size/ { gsub(/ /, "", $2); rss = $2 }
    /Minor .*page faults/ { gsub(/ /, "", $2); minor = $2 }
    /Major .*page faults/ { gsub(/ /, "", $2); major = $2 }
    END { print rss, minor + major }')

rg_time="${times[3]}"
echo
printf '%-16s %10s %10s %12s\n' tool "time (s)" "MiB/s" "÷ ripgrep"
for i in "${!names[@]}"; do
    printf '%-16s %10.3f %10.1f %12.2f\n' "${names[$i]}" "${times[$i]}" \
        "$(echo "$bytes / 1048576 / ${times[$i]}" | bc -l)" \
        "$(echo "${times[$i]} / $rg_time" | bc -l)"
done
printf '%-16s %10.2fx\n' "-j2 speed-up" \
    "$(echo "${times[0]} / ${times[1]}" | bc -l)"
printf '%-16s %10.1f MiB (whosaid on all %d cores)\n' "peak RSS" \
    "$(echo "$rss_kb / 1024" | bc -l)" "$cores"
printf '%-16s %10d (whosaid on all %d cores)\n' "page faults" "$faults" \
    "$cores"
