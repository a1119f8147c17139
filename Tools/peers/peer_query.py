#!/usr/bin/env python3
"""peer_query.py --engine duckdb|polars --sql SQL INPUT.csv OUTPUT.parquet

Runs one query of the airline benchmark with a peer engine and writes its result as one SNAPPY Parquet file, as
the kernel does. `AirlineBenchmark` calls it as a child process, so wall time and peak RSS are measured the same
way for every engine. The SQL is the kernel's text verbatim, over a table named `airlines` (or `t`).

Both peers get the column types the kernel infers for the ASA files (the five text columns VARCHAR, the rest
BIGINT) and `NA` as null, so no engine spends time sniffing. DuckDB uses all cores; Polars scans lazily
(projection and predicate pushdown) through its SQL context, with POLARS_MAX_THREADS threads (default: cores).
Polars SQL matches column names case-sensitively, so a column the query spells in another case than the header
(`DayOfMonth` for `DayofMonth`) is renamed to the query's spelling first.
"""

import argparse
import os
import re
import sys

STRING_COLUMNS = {"UniqueCarrier", "TailNum", "Origin", "Dest", "CancellationCode"}


def header(path):
    with open(path, "r", newline="", encoding="utf-8-sig") as handle:
        return handle.readline().rstrip("\r\n").split(",")


def sql_text(text):
    return "'" + text.replace("'", "''") + "'"


def run_duckdb(sql, source, output, names):
    import duckdb

    connection = duckdb.connect()
    columns = "{" + ", ".join("%s: %s" % (sql_text(name), sql_text("VARCHAR" if name in STRING_COLUMNS else "BIGINT"))
                              for name in names) + "}"
    connection.execute("CREATE VIEW airlines AS SELECT * FROM read_csv(%s, header = true, nullstr = 'NA', "
                       "auto_detect = false, columns = %s)" % (sql_text(source), columns))
    connection.execute("CREATE VIEW t AS SELECT * FROM airlines")
    connection.execute("COPY (%s) TO %s (FORMAT parquet, COMPRESSION snappy)" % (sql, sql_text(output)))
    return "duckdb %s threads=%s" % (duckdb.__version__, connection.execute("SELECT current_setting('threads')").fetchone()[0])


def run_polars(sql, source, output, names):
    import polars as pl

    schema = {name: pl.String if name in STRING_COLUMNS else pl.Int64 for name in names}
    frame = pl.scan_csv(source, has_header=True, null_values="NA", schema=schema)
    renames = {}
    for name in names:
        spelled = {match.group(0) for match in re.finditer(r"\b%s\b" % re.escape(name), sql, re.IGNORECASE)}
        spelled.discard(name)
        if len(spelled) == 1:
            renames[name] = spelled.pop()
    if renames:
        frame = frame.rename(renames)
    context = pl.SQLContext(airlines=frame, t=frame)
    context.execute(sql).sink_parquet(output, compression="snappy")
    return "polars %s threads=%d" % (pl.__version__, pl.thread_pool_size())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["duckdb", "polars"], required=True)
    parser.add_argument("--sql", required=True)
    parser.add_argument("input")
    parser.add_argument("output")
    arguments = parser.parse_args()
    names = header(arguments.input)
    output = os.path.abspath(arguments.output)
    run = run_duckdb if arguments.engine == "duckdb" else run_polars
    print("%s -> %s" % (run(arguments.sql, arguments.input, output, names), arguments.output), file=sys.stderr)


if __name__ == "__main__":
    main()
