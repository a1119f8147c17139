#!/usr/bin/env python3
"""Differential test of the AirlineAggregation kernel against DuckDB.

Generates random CSV files (quoting, escaped quotes, CRLF, BOM, missing final newline, nulls as NA or empty,
19-digit integers, decimals and exponents, gzip/bzip2 single and multi-stream, standard input, 1-3 workers),
runs a random supported query through the AirlineAnalytics executable and through DuckDB, and compares the
results (order-insensitive; integers exactly, doubles within a relative 1e-12).

    python3 Tools/differential/differential.py --binary .build/release/AirlineAnalytics --cases 500 --seed 1

Needs the `duckdb` and `pyarrow` pip packages (not dependencies of the Swift package). Exit status 1 on any
mismatch; each mismatching case is kept under --keep (CSV, query, both answers) for replay.
"""

import argparse
import bz2
import gzip
import json
import os
import random
import shutil
import sys
import tempfile

import duckdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

TEXTS = ["WN", "AA", "UA", "B6", "SFO", "a,b", 'say "hi"', "multi\nline", "ünï", "10", "", "NA", "x y"]


# MARK: CSV generation

def quote(text):
    return '"' + text.replace('"', '""') + '"'


def number_text(rng, kind):
    """One value of column v, spelled as a CSV field, and whether it is null."""
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(["NA", "", '"NA"']), True
    if kind == "int":
        choice = rng.random()
        if choice < 0.1:
            value = rng.choice([2**63 - 1, -(2**63), 10**18 + rng.randrange(1000), -(10**18) - rng.randrange(1000)])
        else:
            value = rng.randrange(-1000, 1000)
        text = str(value)
        if value >= 0 and rng.random() < 0.05:
            text = "+" + text
    else:
        choice = rng.random()
        if choice < 0.3:
            text = str(rng.randrange(-1000, 1000))
        elif choice < 0.8:
            text = "%.*f" % (rng.randrange(0, 4), rng.uniform(-1000, 1000))
        else:
            text = "%de%d" % (rng.randrange(-99, 99), rng.randrange(-3, 3))
    if rng.random() < 0.1:
        text = quote(text)
    return text, False


def key_text(rng, cardinality):
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(["NA", ""])
    text = str(rng.randrange(-cardinality // 2, cardinality))
    return quote(text) if rng.random() < 0.1 else text


def text_field(rng):
    if rng.random() < 0.08:
        return rng.choice(["NA", ""])
    text = rng.choice(TEXTS)
    needs_quotes = any(ch in text for ch in ',"\n\r') or text == ""
    return quote(text) if needs_quotes or rng.random() < 0.2 else text


def generate(rng, directory):
    """Writes one random CSV file; returns its description."""
    rows = rng.choice([0, 1, 5, 50, 500, 5000, 60000])
    kind = rng.choice(["int", "int", "double"])
    two_keys = rng.random() < 0.3
    cardinality = rng.choice([1, 3, 50, 2000])
    newline = "\r\n" if rng.random() < 0.3 else "\n"
    columns = ["k"] + (["k2"] if two_keys else []) + ["v", "c"]
    lines = [",".join(quote(name) if rng.random() < 0.1 else name for name in columns)]
    for _ in range(rows):
        fields = [key_text(rng, cardinality)]
        if two_keys:
            fields.append(key_text(rng, 5))
        fields.append(number_text(rng, kind)[0])
        fields.append(text_field(rng))
        lines.append(",".join(fields))
    text = newline.join(lines)
    if rng.random() < 0.9:
        text += newline
    data = text.encode()
    if rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data
    compression = rng.choice(["none", "none", "none", "gzip", "bzip2"])
    path = os.path.join(directory, "input.csv")
    if compression != "none":
        compress = gzip.compress if compression == "gzip" else bz2.compress
        cut = rng.randrange(0, len(data) + 1) if rng.random() < 0.5 else len(data)  # multi-stream
        payload = compress(data[:cut]) + (compress(data[cut:]) if cut < len(data) else b"")
        path += ".gz" if compression == "gzip" else ".bz2"
        with open(path, "wb") as handle:
            handle.write(payload)
    else:
        with open(path, "wb") as handle:
            handle.write(data)
    return {"path": path, "columns": columns, "kind": kind, "rows": rows, "compression": compression,
            "plain": data}


# MARK: queries

def random_condition(rng, kind, depth=0):
    roll = rng.random()
    if depth < 2 and roll < 0.25:
        joiner = rng.choice([" AND ", " OR "])
        parts = [random_condition(rng, kind, depth + 1) for _ in range(rng.randrange(2, 4))]
        return "(" + joiner.join(parts) + ")"
    special = rng.random()
    if special < 0.06:
        return "%s IS %sNULL" % (rng.choice(["v", "k", "c"]), rng.choice(["", "NOT "]))
    if special < 0.12:
        return "k IN (%s)" % ", ".join(str(rng.randrange(-10, 50)) for _ in range(rng.randrange(1, 5)))
    if special < 0.16:
        return "c IN (%s)" % ", ".join("'%s'" % rng.choice(["WN", "AA", "SFO", "x y"]) for _ in range(rng.randrange(1, 4)))
    if special < 0.22:
        low = rng.randrange(-500, 400)
        return "v BETWEEN %d AND %d" % (low, low + rng.randrange(0, 300))
    if special < 0.27:
        return "c LIKE '%s%%'" % rng.choice(["W", "A", "S", "ü", "say", ""])
    op = rng.choice(["=", "<>", "<", "<=", ">", ">="])
    target = rng.random()
    if target < 0.45:
        literal = str(rng.randrange(-500, 500))
        if rng.random() < 0.3:
            literal = "'" + literal + "'"  # a quoted number: compared by value
        elif kind == "double" and rng.random() < 0.5:
            literal = "%.2f" % rng.uniform(-500, 500)
        return "v %s %s" % (op, literal)
    if target < 0.7:
        return "k %s %d" % (op, rng.randrange(-10, 50))
    text = rng.choice(["WN", "AA", "SFO", "B", "ünï", "10"])
    return "c %s '%s'" % (op, text)


def random_query(rng, description):
    keys = ["k"] + (["k2"] if "k2" in description["columns"] and rng.random() < 0.7 else [])
    roll = rng.random()
    if roll < 0.2:
        keys = ["c"]  # a text key (quoted, escaped quotes, newlines, unicode, nulls)
    elif roll < 0.35:
        keys = ["c"] + keys
    functions = ["count(*)", "count(v)", "sum(v)", "min(v)", "max(v)", "avg(v)", "count(c)"]
    if rng.random() < 0.1:
        keys = []  # a global aggregate: one row
    chosen = rng.sample(functions, rng.randrange(1, len(functions) + 1))
    select = keys + ["%s AS a%d" % (function, index) for index, function in enumerate(chosen)]
    sql = "SELECT %s FROM t" % ", ".join(select)
    if rng.random() < 0.5:
        sql += " WHERE " + random_condition(rng, description["kind"])
    ordered = None
    if keys:
        sql += " GROUP BY " + ", ".join(keys)
        if rng.random() < 0.3:
            having = rng.choice(["count(*) > %d" % rng.randrange(0, 5), "sum(v) > %d" % rng.randrange(-500, 500),
                                 "max(v) IS NULL", "count(v) BETWEEN 1 AND %d" % rng.randrange(1, 10)])
            sql += " HAVING " + having
        if rng.random() < 0.3:
            # A total order, nulls placed explicitly (the engines' defaults differ), so LIMIT/OFFSET agree.
            index = rng.randrange(len(chosen))
            order = ["a%d %s NULLS %s" % (index, rng.choice(["ASC", "DESC"]), rng.choice(["FIRST", "LAST"]))]
            order += ["%s ASC NULLS FIRST" % key for key in keys]
            sql += " ORDER BY " + ", ".join(order)
            ordered = len(keys) + index  # the output position of the ORDER BY column
            if rng.random() < 0.7:
                sql += " LIMIT %d" % rng.randrange(0, 20)
                if rng.random() < 0.5:
                    sql += " OFFSET %d" % rng.randrange(0, 10)
    return sql, keys, ordered


# MARK: engines

def duckdb_answer(description, sql):
    types = {"k": "INTEGER", "k2": "INTEGER", "v": "BIGINT" if description["kind"] == "int" else "DOUBLE",
             "c": "VARCHAR"}
    plain = description["path"] + ".plain"
    with open(plain, "wb") as handle:
        handle.write(description["plain"])
    connection = oracle.duckdb_connection(plain, {name: types[name] for name in description["columns"]})
    return oracle.duckdb_rows(connection, sql), oracle.duckdb_scale(connection, ["v"])


def kernel_answer(binary, description, sql, rng, directory):
    output = os.path.join(directory, "out.parquet")
    workers = rng.choice([1, 2, 3])
    # `AirlineBenchmark kernel` reads files only; AirlineAnalytics also reads standard input.
    use_stdin = rng.random() < 0.15 and not os.path.basename(binary).startswith("AirlineBenchmark")
    command = oracle.kernel_command(binary, "-" if use_stdin else description["path"], output, sql, workers)
    stdin = open(description["path"], "rb") if use_stdin else None
    try:
        return oracle.run_kernel(command, output, **({"stdin": stdin} if stdin else {}))
    finally:
        if stdin:
            stdin.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/release/AirlineAnalytics", help="the AirlineAnalytics executable")
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", default="differential-failures", help="folder for mismatching cases")
    arguments = parser.parse_args()
    if not os.access(arguments.binary, os.X_OK):
        sys.exit("%s is not executable: build it with `swift build -c release --product AirlineAnalytics`"
                 % arguments.binary)
    rng = random.Random(arguments.seed)
    outcomes = {"agree": 0, "both rejected": 0, "mismatch": 0}
    for case in range(arguments.cases):
        directory = tempfile.mkdtemp(prefix="differential-")
        try:
            description = generate(rng, directory)
            sql, keys, ordered = random_query(rng, description)
            kernel_rows, kernel_error = kernel_answer(arguments.binary, description, sql, rng, directory)
            try:
                (duck_rows, scale), duck_error = duckdb_answer(description, sql), None
            except duckdb.Error as error:
                duck_rows, duck_error = None, str(error).splitlines()[0]
            if kernel_error is not None and duck_error is not None:
                outcomes["both rejected"] += 1
                problem = None
            elif kernel_error is not None or duck_error is not None:
                problem = "kernel: %s / duckdb: %s" % (kernel_error, duck_error)
            else:
                # Ties within the tolerance (a sum widened to DOUBLE in the kernel, exact HUGEINT in DuckDB) may be
                # cut differently by LIMIT; the ORDER BY column must still agree position by position.
                problem = oracle.compare(kernel_rows, duck_rows, list(range(len(keys))), scale,
                                         None if ordered is None else [ordered], ties_may_differ=True)
            if problem is None:
                if kernel_error is None:
                    outcomes["agree"] += 1
                continue
            outcomes["mismatch"] += 1
            target = os.path.join(arguments.keep, "case-%d-%d" % (arguments.seed, case))
            os.makedirs(target, exist_ok=True)
            shutil.copy(description["path"], target)
            with open(os.path.join(target, "case.json"), "w") as handle:
                json.dump({"sql": sql, "problem": problem, "compression": description["compression"]}, handle,
                          indent=2)
            print("case %d MISMATCH: %s\n  %s" % (case, sql, problem[:400]))
        finally:
            shutil.rmtree(directory, ignore_errors=True)
    print("%d cases (seed %d): %d agree, %d rejected by both, %d mismatches"
          % (arguments.cases, arguments.seed, outcomes["agree"], outcomes["both rejected"], outcomes["mismatch"]))
    sys.exit(1 if outcomes["mismatch"] else 0)


if __name__ == "__main__":
    main()
