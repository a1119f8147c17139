#!/usr/bin/env python3
"""same_result.py [--ordered] REFERENCE.parquet OTHER.parquet...

Prints one line, `same` (exit 0) or what differs (exit 1): the other engines' Parquet results against the
reference's, by column position, rows as multisets unless --ordered, integers exactly and doubles within a
relative 1e-12 (the comparison of Tools/differential/oracle.py). `AirlineBenchmark suite` runs it once per query
on the kernel's, DuckDB's and Polars' outputs.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "differential"))
import oracle  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ordered", action="store_true", help="rows must also come in the same order")
    parser.add_argument("reference")
    parser.add_argument("others", nargs="+")
    arguments = parser.parse_args()
    reference = oracle.parquet_rows(arguments.reference)
    problems = []
    for path in arguments.others:
        rows = oracle.parquet_rows(path)
        width = len(reference[0]) if reference else 0
        if rows and len(rows[0]) != width:
            problems.append("%s: %d columns, reference %d" % (os.path.basename(path), len(rows[0]), width))
            continue
        # Group keys are the columns that are not floats in the reference: they identify a row.
        keys = [index for index in range(width) if not any(isinstance(row[index], float) for row in reference)]
        problem = oracle.compare(rows, reference, keys, 0.0, list(range(width)) if arguments.ordered else None)
        if problem:
            problems.append("%s: %s" % (os.path.basename(path), problem[:300]))
    print("; ".join(problems) if problems else "same")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
