"""Find the quotations in a corpus with Spark, one `whosaid stream`
process per partition.

Reads a folder of plain-text articles (with ``wholeTextFiles``) or a
JSON Lines dataset of articles (one ``{"id": ..., "text": ...}`` a
line), pipes every partition through ``whosaid stream`` on the executor
that holds it, and writes the quotations as Parquet or CSV with the
columns of ``whosaid extract`` (``file`` is the article's id: for a
folder, the path relative to it, ``/``-separated, as ``whosaid extract``
writes it).

Ship the binary with the job and let each executor find its copy::

    spark-submit --master yarn --files target/release/whosaid \\
        examples/spark/quotes_spark.py hdfs:///corpus/ hdfs:///quotes/

or name a path that exists on every executor with ``--binary``. See
README.md beside this file.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql.types import (
    BooleanType,
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
)

# The columns of `whosaid extract`, in order, with their Spark types.
# `whosaid stream` writes the same keys, `id` standing for `file`.
COLUMNS = [
    ("file", StringType()),
    ("start", LongType()),
    ("end", LongType()),
    ("quote", StringType()),
    ("speaker", StringType()),
    ("mention", StringType()),
    ("mention_start", LongType()),
    ("mention_end", LongType()),
    ("cue", StringType()),
    ("source", StringType()),
    ("kind", StringType()),
    ("rule", StringType()),
    ("confidence", DoubleType()),
    ("description", StringType()),
    ("cue_start", LongType()),
    ("cue_end", LongType()),
    ("source_start", LongType()),
    ("source_end", LongType()),
    ("quotation", LongType()),
    ("continues", BooleanType()),
    ("date", StringType()),
    ("title", StringType()),
]
SCHEMA = StructType([StructField(name, kind) for name, kind in COLUMNS])

# The files `whosaid extract` reads in a folder that `whosaid stream`
# can read too: plain text (HTML pages need `whosaid extract`, which
# takes the article out of the page).
TEXT_EXTENSIONS = {".txt", ".text", ".md", ""}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="folders of articles (or, with --jsonl, JSON Lines files or "
        "folders of them); the last argument is the OUTPUT folder",
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help="the inputs are JSON Lines datasets, one article a line",
    )
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--text-field", default="text")
    parser.add_argument(
        "--format", choices=["parquet", "csv"], default="parquet"
    )
    parser.add_argument(
        "--binary",
        help="path of the whosaid binary on every executor; default: "
        "the copy shipped with --files (SparkFiles)",
    )
    parser.add_argument(
        "--partitions",
        type=int,
        help="partitions to read a folder into (one whosaid process "
        "each); default: twice the cores",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="whosaid threads per task (default 1: a task has one core)",
    )
    parser.add_argument(
        "--summary",
        help="write a JSON summary (articles, bytes, quotes, seconds) here",
    )
    args = parser.parse_args(argv)
    if len(args.inputs) < 2:
        parser.error("give at least one INPUT and the OUTPUT folder")
    args.output = args.inputs.pop()
    return args


def whosaid_command(args):
    """The `whosaid stream` command line, minus the binary."""
    return [
        "stream",
        "-q",
        "--threads",
        str(args.threads),
        "--id-field",
        args.id_field,
        "--text-field",
        args.text_field,
    ]


def pipe_partition(binary, command):
    """A function for mapPartitions that pipes a partition's lines
    through whosaid, as RDD.pipe does, with two differences: the binary
    is looked up on the executor (SparkFiles.get gives each executor's
    own copy, where RDD.pipe's command is fixed on the driver), and an
    exit status of 1 (some input lines were bad; whosaid reported each
    on its standard error, in the executor's log) does not fail the
    task, while any other failure does."""

    def run(lines):
        path = binary or SparkFiles.get("whosaid")
        process = subprocess.Popen(
            [path, *command], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

        def feed():
            try:
                for line in lines:
                    process.stdin.write(line.encode("utf-8"))
                    process.stdin.write(b"\n")
            finally:
                process.stdin.close()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for line in process.stdout:
            yield line
        writer.join()
        status = process.wait()
        if status not in (0, 1):
            raise RuntimeError(f"{path} {' '.join(command)}: exit status {status}")

    return run


def folder_articles(sc, root, partitions):
    """(size in bytes, JSON line) for every text file under `root`."""
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(root)
    fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
    prefix = fs.makeQualified(path).toString().rstrip("/") + "/"

    def article(item):
        uri, text = item
        name = uri[len(prefix):] if uri.startswith(prefix) else uri
        return len(text.encode("utf-8")), json.dumps({"id": name, "text": text})

    def is_text(item):
        base = item[0].rsplit("/", 1)[-1]
        return os.path.splitext(base)[1].lower() in TEXT_EXTENSIONS

    files = sc.wholeTextFiles(root, minPartitions=partitions)
    return files.filter(is_text).map(article)


def main(argv):
    args = parse_args(argv)
    spark = SparkSession.builder.appName("whosaid quotes").getOrCreate()
    sc = spark.sparkContext
    # Folders are read recursively, as `whosaid extract` reads them.
    hadoop = sc._jsc.hadoopConfiguration()
    hadoop.set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    min_partitions = args.partitions or 2 * sc.defaultParallelism
    if not args.binary and not os.path.exists(SparkFiles.get("whosaid")):
        sys.exit(
            "quotes_spark.py: no whosaid binary: ship it with "
            "`spark-submit --files PATH/whosaid` or give --binary PATH"
        )

    articles = sc.accumulator(0)
    size = sc.accumulator(0)
    quotes = sc.accumulator(0)

    def count(nbytes, line):
        articles.add(1)
        size.add(nbytes)
        return line

    # Listing the input happens when the partitions are made, here (in
    # `union`, which asks each input for its partitions); it is timed
    # apart from the work, as Hadoop's local file system is slow at it:
    # it runs a process per file to read its permissions.
    started = time.monotonic()
    if args.jsonl:
        # The lines go to whosaid as they are: no parsing in Python.
        lines = sc.union(
            [sc.textFile(p, minPartitions=min_partitions) for p in args.inputs]
        )
        lines = lines.filter(lambda line: line.strip()).map(
            lambda line: count(len(line.encode("utf-8")), line)
        )
    else:
        lines = sc.union(
            [folder_articles(sc, root, min_partitions) for root in args.inputs]
        ).map(lambda pair: count(*pair))

    names = [name for name, _ in COLUMNS]

    def row(line):
        quotes.add(1)
        quote = json.loads(line)
        quote["file"] = quote.pop("id")
        return tuple(quote[name] for name in names)

    command = whosaid_command(args)
    rows = lines.mapPartitions(pipe_partition(args.binary, command)).map(row)
    frame = spark.createDataFrame(rows, SCHEMA)

    partitions = lines.getNumPartitions()
    listed = time.monotonic()
    writer = frame.write.mode("overwrite")
    if args.format == "parquet":
        writer.parquet(args.output)
    else:
        # RFC 4180 quoting (a `"` doubled), as `whosaid extract` writes.
        # Spark trims cells by default: keep them as found.
        (
            writer.option("header", True)
            .option("escape", '"')
            .option("ignoreLeadingWhiteSpace", False)
            .option("ignoreTrailingWhiteSpace", False)
            .csv(args.output)
        )
    finished = time.monotonic()

    summary = {
        "articles": articles.value,
        "bytes": size.value,
        "quotes": quotes.value,
        "listing_seconds": round(listed - started, 3),
        "seconds": round(finished - listed, 3),
        "partitions": partitions,
        "parallelism": sc.defaultParallelism,
    }
    print("whosaid spark: " + json.dumps(summary), file=sys.stderr)
    if args.summary:
        with open(args.summary, "w") as out:
            json.dump(summary, out)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
