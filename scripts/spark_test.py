"""The work of scripts/spark-test.sh, which sets up its environment:
generate a corpus, run examples/spark/quotes_spark.py on it in Spark's
local mode, check that its rows are those of `whosaid extract` on the
same input, and print the throughput of both.

Run with the virtualenv's python (it imports pyspark to read the job's
output back):

    python scripts/spark_test.py WHOSAID WORKDIR [--articles N]
"""

import argparse
import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "data", "examples")
JOB = os.path.join(ROOT, "examples", "spark", "quotes_spark.py")

# The columns compared: enough to say that the same quotation was found
# in the same place and given to the same speaker.
KEY = ["file", "start", "end", "quote", "speaker"]

FIRST = ["Ann", "Tomás", "Grace", "Wei", "Olga", "Rahul", "Chiara", "Kofi",
         "María", "Sean", "Ingrid", "Yusuf", "Hana", "Pieter", "Zoë"]
LAST = ["Lee", "Ruiz", "Obi", "Zhang", "Novak", "Mehta", "Bianchi",
        "Mensah", "García", "O'Brien", "Lund", "Adeyemi", "Sato", "de Vries",
        "Müller"]
ROLES = ["the city's finance director", "a spokeswoman for the ministry",
         "who chairs the committee", "the union's general secretary",
         "a professor of economics at Harbour University"]
TOPICS = ["the budget", "the new bridge", "the school closures",
          "the harbour dredging", "the rail strike", "rents", "the floods"]
PLACES = ["Ashford", "Norvia", "Kelmarsh", "Port Edda", "Lindenau"]
SAYINGS = [
    "We have not found the money yet",
    "Nobody in this room wanted it to end this way",
    "The numbers speak for themselves",
    "We will keep the buses running as long as we can",
    "It is too early to say what went wrong",
    "I have asked for a full report by Friday",
    "This is a good day for the people of {place}",
    "There is no plan B, and there never was",
]
FILLER = [
    "The council meets again next month.",
    "The vote, which had been expected before the summer recess, was "
    "delayed twice after members asked for more time to read the report.",
    "Critics say the plan does little for the outlying districts, where "
    "most of the affected families live.",
    "A consultation on {topic} closed in March with more than 2,000 "
    "responses, most of them from residents of {place}.",
    "Officials in {place} declined to give a date.",
    "The proposal was first made in {year}, when {topic} was last debated.",
    "Residents have until the end of the month to comment.",
    "Figures released on Tuesday showed a small rise.",
]


def quote_paragraph(rng, name, surname, place, topic):
    """One paragraph with a quotation, in one of several shapes."""
    saying = rng.choice(SAYINGS).format(place=place)
    role = rng.choice(ROLES)
    shape = rng.randrange(7)
    if shape == 0:
        return f'"{saying}," said {name}, {role}.'
    if shape == 1:
        return f"{name}, {role}, told reporters: \u201c{saying}.\u201d"
    if shape == 2:
        return f'"{saying}," {surname} said. "We will see about {topic}."'
    if shape == 3:
        return f"According to {name}, \u201c{saying}.\u201d"
    if shape == 4:
        return f"{name} called {topic} \u201ca mess\u201d and \u201c{saying.lower()}\u201d."
    if shape == 5:
        return f"{surname} said {topic} was on track. \u201c{saying}.\u201d"
    return f'\u201c{saying},\u201d {name} wrote in a statement.'


def article(rng, i):
    """The text of generated article number `i`."""
    place = rng.choice(PLACES)
    topic = rng.choice(TOPICS)
    year = rng.randrange(1990, 2025)
    lines = []
    if rng.random() < 0.5:
        lines.append(f"date: 2026-{1 + i % 12:02d}-{1 + i % 28:02d}")
        lines.append(f"title: {place} debates {topic}")
        lines.append("")
    else:
        lines.append(f"{place} debates {topic}")
        lines.append("")
    speakers = []
    for _ in range(rng.randrange(1, 4)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        speakers.append((f"{first} {last}", last))
    for _ in range(rng.randrange(4, 12)):
        filler = [
            rng.choice(FILLER).format(place=place, topic=topic, year=year)
            for _ in range(rng.randrange(1, 4))
        ]
        if rng.random() < 0.6:
            name, surname = rng.choice(speakers)
            quote = quote_paragraph(rng, name, surname, place, topic)
            filler.insert(rng.randrange(len(filler) + 1), quote)
        lines.append(" ".join(filler))
        lines.append("")
    if rng.random() < 0.1:
        # A quotation running over two paragraphs.
        name, _ = speakers[0]
        lines.append(f"{name} said: \u201cThe first part is done.")
        lines.append("")
        lines.append("\u201cThe second part is not.\u201d")
        lines.append("")
    end = "\r\n" if rng.random() < 0.05 else "\n"
    return end.join(lines)


def generate(folder, count):
    """Writes `count` articles into `folder`, in nested folders."""
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    rng = random.Random(6)
    sections = ["city", "world", "science", "business", "sport"]
    for i in range(count):
        section = sections[i % len(sections)]
        sub = os.path.join(folder, section, f"2026-{1 + i % 12:02d}")
        os.makedirs(sub, exist_ok=True)
        ext = [".txt", ".txt", ".txt", ".md", ""][i % 5]
        path = os.path.join(sub, f"article-{i:05d}{ext}")
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(article(rng, i))


def text_files(root):
    """The files `whosaid extract` reads under `root` (none is hidden
    or HTML here), with their names relative to it."""
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            found.append((os.path.relpath(path, root).replace(os.sep, "/"), path))
    return sorted(found)


def write_jsonl(path, roots_and_limits):
    """A JSON Lines dataset of the articles under each root (the first
    `limit` of them), ids being their names."""
    with open(path, "w", encoding="utf-8") as out:
        for root, limit in roots_and_limits:
            for name, file in text_files(root)[:limit]:
                with open(file, encoding="utf-8", newline="") as f:
                    text = f.read()
                out.write(json.dumps({"id": name, "text": text}) + "\n")


def cell(value):
    """A value as the CSV writes it."""
    if value is None:
        return ""
    return str(value)


def extract_rows(whosaid, args, strip_prefix=None):
    """`whosaid extract ARGS` as sorted KEY tuples, and its wall time."""
    started = time.monotonic()
    result = subprocess.run(
        [whosaid, "extract", "-q", *args], capture_output=True, check=True
    )
    seconds = time.monotonic() - started
    text = io.StringIO(result.stdout.decode("utf-8"), newline="")
    reader = csv.DictReader(text)
    rows = []
    for row in reader:
        if strip_prefix is not None:
            assert row["file"].startswith(strip_prefix), row["file"]
            row["file"] = row["file"][len(strip_prefix):]
        rows.append(tuple(row[k] for k in KEY))
    return sorted(rows), seconds


def spark_submit(venv_bin, args, log):
    """Runs the job with spark-submit in local[2] mode; returns its wall
    time and its summary."""
    summary = os.path.join(os.path.dirname(log), os.path.basename(log) + ".json")
    env = dict(os.environ)
    env["PYSPARK_PYTHON"] = os.path.join(venv_bin, "python")
    env["PYSPARK_DRIVER_PYTHON"] = os.path.join(venv_bin, "python")
    env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    command = [
        os.path.join(venv_bin, "spark-submit"),
        "--master", "local[2]",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.ui.showConsoleProgress=false",
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.sql.shuffle.partitions=2",
        *args[0],
        JOB,
        "--summary", summary,
        *args[1],
    ]
    started = time.monotonic()
    with open(log, "w") as out:
        status = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    seconds = time.monotonic() - started
    if status.returncode != 0:
        with open(log) as f:
            tail = f.readlines()[-40:]
        sys.exit("spark-submit failed:\n" + "".join(tail) + f"\n(full log: {log})")
    with open(summary) as f:
        return seconds, json.load(f)


def spark_rows(spark, path, fmt):
    """The job's output as sorted KEY tuples, written as the CSV would."""
    if fmt == "parquet":
        frame = spark.read.parquet(path)
    else:
        frame = (
            spark.read.option("header", True)
            .option("escape", '"')
            .option("multiLine", True)
            .option("ignoreLeadingWhiteSpace", False)
            .option("ignoreTrailingWhiteSpace", False)
            .option("inferSchema", False)
            .csv(path)
        )
    rows = []
    for row in frame.select(*KEY).collect():
        rows.append(tuple(cell(row[k]) for k in KEY))
    return sorted(rows)


def compare(what, expected, got):
    """Fails, showing a few differences, unless the rows are equal."""
    if expected == got:
        print(f"  {what}: {len(got)} rows, equal to whosaid extract")
        return
    missing = sorted(set(expected) - set(got))[:5]
    extra = sorted(set(got) - set(expected))[:5]
    sys.exit(
        f"{what}: {len(got)} rows from Spark, {len(expected)} from whosaid "
        f"extract\n  missing from Spark: {missing}\n  only in Spark: {extra}"
    )


def rate(articles, nbytes, seconds):
    return (
        f"{articles / seconds:8.0f} articles/s {nbytes / seconds / 1e6:6.2f} MB/s"
        f" ({articles} articles, {nbytes / 1e6:.2f} MB in {seconds:.2f} s)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("whosaid")
    parser.add_argument("workdir")
    parser.add_argument("--articles", type=int, default=3000)
    args = parser.parse_args()
    whosaid = os.path.abspath(args.whosaid)
    work = os.path.abspath(args.workdir)
    venv_bin = os.path.dirname(sys.executable)
    os.makedirs(work, exist_ok=True)

    corpus = os.path.join(work, "corpus")
    print(f"generating {args.articles} articles in {corpus}")
    generate(corpus, args.articles)
    files = text_files(EXAMPLES) + text_files(corpus)
    nbytes = sum(os.path.getsize(path) for _, path in files)

    # 1. A folder: the samples and the corpus, the binary shipped with
    # --files (SparkFiles), Parquet out.
    print("whosaid extract on the folders")
    expected, extract_seconds = extract_rows(whosaid, ["-j2", EXAMPLES, corpus])
    print("spark-submit --files whosaid (folders -> Parquet)")
    folders_out = os.path.join(work, "quotes.parquet")
    wall, summary = spark_submit(
        venv_bin,
        (["--files", whosaid], [EXAMPLES, corpus, folders_out]),
        os.path.join(work, "spark-folders.log"),
    )
    assert summary["articles"] == len(files), (summary, len(files))

    # 2. The same articles as a JSON Lines dataset, the binary named by
    # path, CSV out.
    dataset = os.path.join(work, "articles.jsonl")
    write_jsonl(dataset, [(EXAMPLES, None), (corpus, None)])
    expected_jsonl, _ = extract_rows(
        whosaid, ["--jsonl", dataset], strip_prefix=dataset + "#"
    )
    print("spark-submit --binary PATH (JSON Lines -> CSV)")
    jsonl_out = os.path.join(work, "quotes-jsonl.csv")
    jsonl_wall, jsonl_summary = spark_submit(
        venv_bin,
        ([], ["--jsonl", "--format", "csv", "--binary", whosaid, dataset, jsonl_out]),
        os.path.join(work, "spark-jsonl.log"),
    )

    assert jsonl_summary["articles"] == len(files), jsonl_summary

    # The same articles through `whosaid stream` alone, without Spark.
    with open(dataset, "rb") as stdin:
        started = time.monotonic()
        streamed = subprocess.run(
            [whosaid, "stream", "-q"], stdin=stdin, capture_output=True, check=True
        )
        stream_seconds = time.monotonic() - started
    stream_quotes = streamed.stdout.count(b"\n")

    print("reading the Spark outputs back")
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .appName("whosaid spark test check")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    compare("folders, Parquet", expected, spark_rows(spark, folders_out, "parquet"))
    compare("JSON Lines, CSV", expected_jsonl, spark_rows(spark, jsonl_out, "csv"))
    spark.stop()
    assert stream_quotes == len(expected), (stream_quotes, len(expected))

    articles = len(files)
    print()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"throughput on {articles} articles, {nbytes / 1e6:.2f} MB, "
          f"{len(expected)} quotations ({os.cpu_count()} cores, load "
          f"average {load}):")
    print(f"  whosaid extract -j2            {rate(articles, nbytes, extract_seconds)}")
    print(f"  whosaid stream (one process)   {rate(articles, nbytes, stream_seconds)}")
    listing = summary["listing_seconds"]
    work = summary["seconds"]
    jsonl_work = jsonl_summary["seconds"] + jsonl_summary["listing_seconds"]
    print(f"  Spark, folder: job             {rate(articles, nbytes, work)}")
    print(f"  Spark, folder: job + listing   {rate(articles, nbytes, work + listing)}")
    print(f"  Spark, folder: spark-submit    {rate(articles, nbytes, wall)}")
    print(f"  Spark, JSON Lines: job         {rate(articles, nbytes, jsonl_work)}")
    print(f"  Spark, JSON Lines: spark-submit {rate(articles, nbytes, jsonl_wall)}")
    print(f"  (Spark runs in local[2] mode. job: reading, piping through "
          f"{summary['partitions']} (folder) or {jsonl_summary['partitions']} "
          f"(JSON Lines) whosaid processes, writing Parquet or CSV; listing: "
          f"Hadoop listing the {articles} files, {listing:.1f} s; spark-submit: "
          f"all of it with the JVM's start and stop)")


if __name__ == "__main__":
    main()
