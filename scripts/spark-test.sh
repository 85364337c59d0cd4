#!/usr/bin/env bash
# Runs examples/spark/quotes_spark.py for real, in Spark's local[2]
# mode, and checks that its rows are those of `whosaid extract` on the
# same input; prints the throughput of both.
#
# Needs Java 17 or later (Spark 4) and python3 with venv; installs
# pyspark from PyPI into a virtualenv, target/spark-venv (reused when
# present; SPARK_VENV=DIR to put it elsewhere). Without Java it says so
# and exits 0 (skipped); anything else that fails is an error.
#
# Usage: scripts/spark-test.sh [--articles N]   (default 3000)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v java >/dev/null 2>&1; then
    echo "spark test skipped: java not found (Spark needs Java 17 or later)"
    exit 0
fi
java_version=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
if [ "${java_version:-0}" -lt 17 ]; then
    echo "error: Spark 4 needs Java 17 or later; java is version ${java_version:-unknown}" >&2
    exit 1
fi

venv=${SPARK_VENV:-target/spark-venv}
if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
    echo "==> creating $venv and installing pyspark"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'pyspark>=4,<5'
fi
"$venv/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)'

echo "==> building whosaid (release)"
cargo build --release --locked -p whosaid-cli --quiet

"$venv/bin/python" scripts/spark_test.py target/release/whosaid target/spark-test "$@"
echo "spark test passed"
