#!/usr/bin/env bash
# Checks that the working tree's output is byte for byte that of an
# earlier commit: every field of every quote the core returns
# (examples/profile.rs `dump`) and the command line's every format and
# flag. Speed work must change no output (issue #3); this is how a
# change shows it. Not part of the tests.
#
#   scripts/equiv.sh [BASE]      (BASE: a commit, default HEAD)
#
# Texts: the dev corpora when ../shared/eval is there, the example
# articles and test fixtures, every generated text of the benchmark at
# two small sizes, and a few thousand documents mutated from all of
# these (quotation marks added, dropped, swapped between straight and
# curly; paragraphs joined and split; text cut at random bytes), made
# from a fixed seed. BASE is built once into target/equiv/COMMIT.
# Prints ALL-IDENTICAL or the first differences, and exits 1 on any.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
base=$(git rev-parse --verify "${1:-HEAD}^{commit}")
dir=target/equiv/$base
if [ ! -x "$dir/bin/whosaid" ]; then
    rm -rf "$dir"
    mkdir -p "$dir/bin"
    git worktree prune && git worktree add --detach -q "$dir/src" "$base"
    # The harness only uses the public API: an older commit without it
    # gets today's.
    ex=crates/whosaid/examples/profile.rs
    [ -e "$dir/src/$ex" ] || { mkdir -p "$(dirname "$dir/src/$ex")" && cp "$ex" "$dir/src/$ex"; }
    (cd "$dir/src" && export CARGO_TARGET_DIR="$root/target/equiv/build" &&
        cargo build --release --quiet -p whosaid-cli &&
        cargo build --release --quiet -p whosaid --example profile)
    cp target/equiv/build/release/whosaid target/equiv/build/release/examples/profile "$dir/bin/"
    git worktree remove --force "$dir/src"
fi
cargo build --release --quiet -p whosaid-cli
cargo build --release --quiet -p whosaid --example profile
old=$dir/bin

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
new=$work/bin
mkdir -p "$new"
cp target/release/whosaid target/release/examples/profile "$new/"
mkdir -p "$work/texts"
sources=(data/examples tests/fixtures)
for d in ../shared/eval/*-dev/docs; do
    [ -d "$d" ] && sources+=("$d")
done
python3 - "$work/texts" "${sources[@]}" <<'EOF'
import os, random, sys
out, sources = sys.argv[1], sys.argv[2:]
texts = []
for s in sources:
    for dirpath, _, names in os.walk(s):
        for n in sorted(names):
            with open(os.path.join(dirpath, n), "rb") as f:
                texts.append(f.read())
rng = random.Random(20261129)
marks = [b'"', "\u201c".encode(), "\u201d".encode(), b"'", "\u2018".encode(), "\u2019".encode()]
def mutate(t):
    t = bytearray(t)
    for _ in range(rng.randint(1, 6)):
        if not t:
            break
        i = rng.randrange(len(t) + 1)
        op = rng.randrange(8)
        if op == 0:
            t[i:i] = rng.choice(marks)
        elif op == 1:
            for m in marks:
                j = t.find(m, i)
                if j >= 0:
                    del t[j:j + len(m)]
                    break
        elif op == 2:
            t = bytearray(bytes(t).replace(b'"', "\u201c".encode(), rng.randint(1, 5)))
        elif op == 3:
            t = bytearray(bytes(t).replace(b"\n\n", b" ", rng.randint(1, 3)))
        elif op == 4:
            j = t.find(b". ", i)
            if j >= 0:
                t[j + 1:j + 2] = b"\n\n"
        elif op == 5:
            t = t[:i]
        elif op == 6:
            j = rng.randrange(len(texts))
            u = texts[j]
            k = rng.randrange(len(u) + 1)
            t[i:i] = u[k:k + rng.randint(1, 400)]
        else:
            t[i:i] = rng.choice([b" said ", b" he said", b", according to ", b" told Reuters", b"\n", b'""', b" \"a\" ", b"Mr. ", b" U.S. "])
    return bytes(t)
n = 0
for i, t in enumerate(texts):
    with open(os.path.join(out, f"orig-{i:05}.txt"), "wb") as f:
        f.write(t)
for k in range(3000):
    t = mutate(rng.choice(texts))
    with open(os.path.join(out, f"mut-{k:05}.txt"), "wb") as f:
        f.write(t)
EOF

fail=0
compare() { # NAME COMMAND: COMMAND is run twice, with $bin the old and the new
    local name=$1 cmd=$2
    bin=$old eval "$cmd" >"$work/old" 2>"$work/old.err" || true
    bin=$new eval "$cmd" >"$work/new" 2>"$work/new.err" || true
    if cmp -s "$work/old" "$work/new" && cmp -s "$work/old.err" "$work/new.err"; then
        printf '%-50s identical (%s bytes)\n' "$name" "$(wc -c <"$work/new")"
    else
        printf '%-50s DIFFERENT\n' "$name"
        diff "$work/old" "$work/new" | head -20 || true
        diff "$work/old.err" "$work/new.err" | head -5 || true
        fail=1
    fi
}

compare "core: every text" '"$bin/profile" dump "$work/texts"'
for input in news dialogue no-quotes double-marks unclosed-at-start no-newline \
    capitalised distinct-names short-quotes apostrophes single-short-quotes curly-marks; do
    for mb in 0.01 0.1; do
        compare "core: $input $mb MB" '"$bin/profile" dump "$input" "$mb"'
    done
done
t=$work/texts
compare "cli: extract csv" '"$bin/whosaid" extract -j2 "$t"'
compare "cli: extract tsv all-spans" '"$bin/whosaid" extract --format tsv --all-spans "$t"'
compare "cli: extract jsonl context" '"$bin/whosaid" extract --format jsonl --context 40 "$t"'
compare "cli: extract excel" '"$bin/whosaid" extract --excel "$t"'
compare "cli: speakers" '"$bin/whosaid" speakers "$t"'
compare "cli: audit" '"$bin/whosaid" audit "$t"'
python3 - "$t" >"$work/in.jsonl" <<'EOF'
import json, os, sys
for n in sorted(os.listdir(sys.argv[1]))[:800]:
    with open(os.path.join(sys.argv[1], n), "rb") as f:
        print(json.dumps({"id": n, "text": f.read().decode("utf-8", "replace")}))
EOF
compare "cli: stream" '"$bin/whosaid" stream <"$work/in.jsonl"'
if [ $fail -eq 0 ]; then
    echo ALL-IDENTICAL
fi
exit $fail
