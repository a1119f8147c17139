#!/usr/bin/env python3
"""same_result.py [--ordered] REFERENCE.parquet OTHER.parquet...

Prints one line, `same` (exit 0) or what differs (exit 1): the other engines' Parquet results against the
reference's, by column position, integers exactly and doubles within a relative 1e-12. Rows are matched by the
columns that are not DOUBLE (the group keys and counts); --ordered also requires the same order.
`AirlineBenchmark suite` runs it once per query on the kernel's, DuckDB's and Polars' outputs.

Small results are compared in Python (Tools/differential/oracle.py); results of more than 100,000 rows (a query
with millions of groups) inside DuckDB, with a full outer join on the matching columns.
"""

import argparse
import os
import sys

import duckdb
import pyarrow.parquet as pq

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "differential"))
import oracle  # noqa: E402

LARGE = 100_000


def columns(path):
    schema = pq.read_schema(path)
    return [field.name for field in schema], [str(field.type) for field in schema]


def compare_in_duckdb(reference, other, width, floats):
    """None or what differs; rows matched on every non-float column (null matches null)."""
    def renamed(path):
        names = columns(path)[0]
        return "SELECT %s FROM read_parquet(%s)" % (
            ", ".join('"%s" AS c%d' % (name.replace('"', '""'), index) for index, name in enumerate(names)),
            oracle.sql_text(path))

    keys = [index for index in range(width) if index not in floats]
    join = " AND ".join("a.c%d IS NOT DISTINCT FROM b.c%d" % (index, index) for index in keys) or "true"
    close = " AND ".join(
        "(a.c{0} IS NOT DISTINCT FROM b.c{0} OR (isnan(a.c{0}) AND isnan(b.c{0})) OR "
        "abs(a.c{0} - b.c{0}) <= 1e-12 * greatest(1, abs(a.c{0}), abs(b.c{0})))".format(index) for index in floats)
    connection = duckdb.connect()
    counts = connection.execute("SELECT (SELECT count(*) FROM (%s)), (SELECT count(*) FROM (%s))"
                                % (renamed(reference), renamed(other))).fetchone()
    if counts[0] != counts[1]:
        return "%d rows vs %d" % (counts[1], counts[0])
    sides = "SELECT 1 AS side_a, * FROM (%s)" % renamed(reference), "SELECT 1 AS side_b, * FROM (%s)" % renamed(other)
    bad = connection.execute(
        "SELECT count(*), any_value(a), any_value(b) FROM (%s) a FULL OUTER JOIN (%s) b ON %s "
        "WHERE a.side_a IS NULL OR b.side_b IS NULL OR NOT (%s)"
        % (sides[0], sides[1], join, close or "true")).fetchone()
    return None if bad[0] == 0 else "%d rows differ, e.g. %r vs %r" % bad


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ordered", action="store_true", help="rows must also come in the same order")
    parser.add_argument("--large", type=int, default=LARGE, help="rows from which DuckDB compares")
    parser.add_argument("reference")
    parser.add_argument("others", nargs="+")
    arguments = parser.parse_args()
    names, types = columns(arguments.reference)
    width = len(names)
    floats = [index for index, kind in enumerate(types) if kind in ("double", "float")]
    large = pq.read_metadata(arguments.reference).num_rows > arguments.large
    reference = None if large else oracle.parquet_rows(arguments.reference)
    problems = []
    for path in arguments.others:
        if len(columns(path)[0]) != width:
            problems.append("%s: %d columns, reference %d" % (os.path.basename(path), len(columns(path)[0]), width))
            continue
        if large:
            problem = compare_in_duckdb(arguments.reference, path, width, floats)
        else:
            keys = [index for index in range(width) if index not in floats]
            problem = oracle.compare(oracle.parquet_rows(path), reference, keys, 0.0,
                                     list(range(width)) if arguments.ordered else None)
        if problem:
            problems.append("%s: %s" % (os.path.basename(path), problem[:300]))
    print("; ".join(problems) if problems else "same")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
