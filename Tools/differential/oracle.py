"""What the differential tools share: running the kernel and DuckDB on one CSV file, and comparing their answers.

Both `differential.py` (random inputs) and `corpus.py` (the query corpus) use it; it needs the `duckdb` and
`pyarrow` pip packages (test tooling, not dependencies of the Swift package).
"""

import decimal
import math
import os
import subprocess

import duckdb
import pyarrow.parquet as pq


def sql_text(text):
    """A SQL text literal: `'…'` with `''` for a quote."""
    return "'" + text.replace("'", "''") + "'"


# MARK: DuckDB

def duckdb_connection(plain_csv_path, column_types):
    """A connection with view `t` over the (decompressed) CSV, read the way the kernel reads it.

    `column_types` maps each header name, in file order, to a DuckDB type. The dialect: `,`, RFC 4180 quotes
    (`""` inside quotes), `NA` and the empty field as null (quoted or not). Nulls sort first ascending and last
    descending unless a query says otherwise, as in the kernel (DuckDB's own default puts them last both ways).
    """
    connection = duckdb.connect()
    connection.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'")
    columns = "{" + ", ".join("%s: %s" % (sql_text(name), sql_text(kind)) for name, kind in column_types.items()) + "}"
    connection.execute(
        "CREATE VIEW t AS SELECT * FROM read_csv(%s, header = true, delim = ',', quote = '\"', escape = '\"', "
        "nullstr = ['NA', ''], columns = %s, auto_detect = false, strict_mode = false)"
        % (sql_text(plain_csv_path), columns))
    return connection


def duckdb_rows(connection, sql):
    """The query's rows, DECIMAL values as floats (the kernel computes with doubles where DuckDB keeps decimals)."""
    return [tuple(float(value) if isinstance(value, decimal.Decimal) else value for value in row)
            for row in connection.execute(sql).fetchall()]


def duckdb_scale(connection, numeric_columns):
    """The largest sum of |v| over the numeric columns: how far two orders of adding doubles may drift apart."""
    if not numeric_columns:
        return 0.0
    parts = ", ".join("coalesce(sum(abs(%s::DOUBLE)), 0)" % quoted_identifier(name) for name in numeric_columns)
    return max(connection.execute("SELECT %s FROM t" % parts).fetchone())


def quoted_identifier(name):
    return '"' + name.replace('"', '""') + '"'


# MARK: the kernel

def kernel_command(binary, input_path, output, sql, workers, chunk_kib=None):
    """argv for one kernel run: the `AirlineAnalytics` command, or `AirlineBenchmark kernel`, which also takes a
    chunk size (small chunks split even small files between workers, so the merge of partial states runs)."""
    if os.path.basename(binary).startswith("AirlineBenchmark"):
        command = [binary, "kernel", "--input", input_path, "--output", output, "--sql", sql, "--workers", str(workers)]
        if chunk_kib:
            command += ["--chunk-ki-b", str(chunk_kib)]
        return command
    return [binary, "--input", input_path, "--output", output, "--sql", sql, "--workers", str(workers),
            "--progress", "none"]


def run_kernel(command, output, stdin=subprocess.DEVNULL, timeout=300):
    """(rows, None) or (None, the error text) for one kernel run that writes Parquet to `output`."""
    if os.path.exists(output):
        os.remove(output)
    result = subprocess.run(command, stdin=stdin, capture_output=True, timeout=timeout)
    if result.returncode != 0:
        return None, result.stderr.decode(errors="replace").strip() or "exit status %d" % result.returncode
    return parquet_rows(output), None


def parquet_rows(path):
    """Rows as tuples, by column position (two output columns may share a name)."""
    table = pq.read_table(path)
    columns = [column.to_pylist() for column in table.columns]
    return list(zip(*columns)) if columns else []


# MARK: comparison

def values_equal(a, b, scale):
    """Null equals null; a text/number pair by spelling (a text key whose surviving values are all integers is an
    INT32 key in the kernel, which infers key types, and VARCHAR in DuckDB, which was told); doubles within a
    relative 1e-12, or 1e-12 of `scale` (the sum of |v|, how far two summation orders of doubles may drift)."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) != isinstance(b, str):
        return str(a) == str(b)
    if isinstance(a, decimal.Decimal) or isinstance(b, decimal.Decimal):
        a, b = float(a), float(b)  # a peer's DECIMAL result (Polars: `100.0 * x`) against the kernel's double
    if isinstance(a, float) or isinstance(b, float):
        a, b = float(a), float(b)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        if math.isinf(a) or math.isinf(b):
            return a == b
        return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b), scale)
    return a == b


def rows_equal(left, right, scale):
    return len(left) == len(right) and all(values_equal(a, b, scale) for a, b in zip(left, right))


def sort_key(row, positions):
    """An order for matching rows: nulls first, then by spelling. Equal values get equal keys in both engines even
    where one returns an integer and the other its text (see `values_equal`)."""
    return tuple((0, "") if row[p] is None else (1, str(row[p])) for p in positions)


def compare(kernel_rows, duck_rows, key_positions, scale, order_positions=None, ties_may_differ=False):
    """None when the answers agree, else what differs.

    Rows are compared as multisets, matched by their key columns (unique per group). With `order_positions` (the
    output positions of the ORDER BY columns) the values there must also agree row by row. `ties_may_differ`
    accepts different rows when the ORDER BY values agree position by position: after LIMIT, two values equal
    within the tolerance may be cut differently.
    """
    if len(kernel_rows) != len(duck_rows):
        return "row count %d vs %d" % (len(kernel_rows), len(duck_rows))
    if order_positions:
        for index, (left, right) in enumerate(zip(kernel_rows, duck_rows)):
            if not all(values_equal(left[p], right[p], scale) for p in order_positions):
                return "ORDER BY values differ at row %d: %r vs %r" % (index, left, right)
    width = len(kernel_rows[0]) if kernel_rows else 0
    match = key_positions or list(range(width))
    kernel_sorted = sorted(kernel_rows, key=lambda row: sort_key(row, match))
    duck_sorted = sorted(duck_rows, key=lambda row: sort_key(row, match))
    for left, right in zip(kernel_sorted, duck_sorted):
        if not rows_equal(left, right, scale):
            if order_positions and ties_may_differ:
                return None
            return "row %r vs %r" % (left, right)
    return None
