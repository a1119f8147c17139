#!/usr/bin/env python3
"""The query corpus: random queries of the supported SQL over two schemas, each run by the kernel and by DuckDB.

    python3 Tools/differential/corpus.py                     # 200 queries per schema, seed 1, default features
    python3 Tools/differential/corpus.py --enable not,cast   # also generate NOT and CAST
    python3 Tools/differential/corpus.py --list              # print the corpus without running it

Generates, from the seed, an airline file and a text-heavy file of each of two sizes (see schemas.py), draws
queries from the grammar of the enabled features (see queries.py), runs every query through the kernel and
through DuckDB over the same bytes, and compares the answers: as multisets unless ORDER BY (then the ORDER BY
values position by position too), integers exactly, doubles within a relative 1e-12. Every query must run on
both engines: a query either engine rejects is a failure, as is any difference. Exit status 1 on any failure;
the inputs and the failing queries are kept under --keep for replay.

Needs the `duckdb` and `pyarrow` pip packages and a build of the kernel's command (`swift build` makes
.build/debug/AirlineAnalytics; `AirlineBenchmark` from a release build is faster and also varies the chunk size,
so even small inputs are split between workers and their partial states merged).
"""

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402
import queries  # noqa: E402
import schemas  # noqa: E402

# (schema, rows, line ending, BOM, share of the schema's queries). The large files span several 4 MiB chunks.
FILES = [
    ("airline", 60000, "\n", False, 0.7),
    ("airline", 3000, "\r\n", True, 0.3),
    ("text", 50000, "\r\n", False, 0.7),
    ("text", 2000, "\n", True, 0.3),
]


def parse_features(enable, disable):
    features = set(queries.DEFAULT_FEATURES)
    for argument, change in ((enable, features.update), (disable, features.difference_update)):
        names = [name.strip() for name in argument.split(",") if name.strip()] if argument else []
        if names == ["all"]:
            names = list(queries.FEATURES)
        unknown = [name for name in names if name not in queries.FEATURES]
        if unknown:
            sys.exit("unknown feature(s) %s; known: %s" % (", ".join(unknown), ", ".join(queries.FEATURES)))
        change(names)
    return features


def default_binary():
    for candidate in (".build/release/AirlineBenchmark", ".build/debug/AirlineAnalytics",
                      ".build/release/AirlineAnalytics"):
        if os.access(candidate, os.X_OK):
            return candidate
    return ".build/debug/AirlineAnalytics"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=None, help="AirlineAnalytics or AirlineBenchmark (default: the first "
                        "of .build/release/AirlineBenchmark, .build/debug/AirlineAnalytics that exists)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=200, help="queries per schema")
    parser.add_argument("--schemas", default="airline,text")
    parser.add_argument("--enable", default="", help="features to add, comma-separated, or 'all': %s"
                        % ", ".join(name for name in queries.FEATURES if name not in queries.DEFAULT_FEATURES))
    parser.add_argument("--disable", default="", help="default features to leave out")
    parser.add_argument("--list", action="store_true", help="print the queries, run nothing")
    parser.add_argument("--keep", default="corpus-failures", help="folder for the inputs and failing queries")
    parser.add_argument("--verbose", action="store_true", help="print every query and its outcome")
    arguments = parser.parse_args()
    features = parse_features(arguments.enable, arguments.disable)
    binary = arguments.binary or default_binary()
    if not arguments.list and not os.access(binary, os.X_OK):
        sys.exit("%s is not executable: build it with `swift build` (or pass --binary)" % binary)
    wanted = [name.strip() for name in arguments.schemas.split(",")]
    rng = random.Random(arguments.seed)
    directory = tempfile.mkdtemp(prefix="corpus-")
    outcomes = {}
    used = {}
    failures = []
    started = time.time()
    try:
        for schema in wanted:
            if schema not in schemas.SCHEMAS:
                sys.exit("unknown schema %s (known: %s)" % (schema, ", ".join(schemas.SCHEMAS)))
            outcomes[schema] = {"agree": 0, "mismatch": 0, "kernel rejected": 0, "DuckDB rejected": 0}
            files = [entry for entry in FILES if entry[0] == schema]
            for index, (_, rows, newline, bom, share) in enumerate(files):
                # Each file's data and queries come from their own generator, so --queries does not change the data.
                data_rng = random.Random("%d-%s-%d-data" % (arguments.seed, schema, index))
                columns, data = schemas.SCHEMAS[schema](data_rng, rows, newline, bom)
                path = os.path.join(directory, "%s-%d.csv" % (schema, rows))
                with open(path, "wb") as handle:
                    handle.write(data)
                count = round(arguments.queries * share) if index < len(files) - 1 else (
                    arguments.queries - sum(round(arguments.queries * entry[4]) for entry in files[:-1]))
                query_rng = random.Random("%d-%s-%d-queries" % (arguments.seed, schema, index))
                generator = queries.QueryGenerator(query_rng, columns, features)
                batch = [generator.query() for _ in range(count)]
                for query in batch:
                    for feature in query.features:
                        used[feature] = used.get(feature, 0) + 1
                if arguments.list:
                    for number, query in enumerate(batch):
                        print("-- %s-%d #%d [%s]\n%s\n" % (schema, rows, number, ", ".join(query.features), query.sql))
                    continue
                run_file(arguments, binary, rng, schema, path, columns, batch, outcomes[schema], failures)
        if not arguments.list:
            report(arguments, binary, features, outcomes, used, failures, time.time() - started)
            keep(arguments, directory, failures)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    if arguments.list:
        print("%d queries; features used: %s" % (arguments.queries * len(wanted),
                                                   ", ".join("%s %d" % item for item in sorted(used.items()))))
        return
    sys.exit(1 if failures else 0)


def run_file(arguments, binary, rng, schema, path, columns, batch, outcome, failures):
    connection = oracle.duckdb_connection(path, {column.name: column.duckdb_type for column in columns})
    connection.execute("CREATE VIEW airlines AS SELECT * FROM t")
    scale = oracle.duckdb_scale(connection, [column.name for column in columns if column.kind == "double"])
    output = path + ".parquet"
    for number, query in enumerate(batch):
        workers = rng.choice([1, 2, 2])
        chunk = rng.choice([64, 256, 1024, 4096])
        command = oracle.kernel_command(binary, path, output, query.sql, workers, chunk)
        kernel_rows, kernel_error = oracle.run_kernel(command, output)
        try:
            duck_rows, duck_error = oracle.duckdb_rows(connection, query.sql), None
        except Exception as error:  # duckdb.Error and its subclasses; any failure is the query's outcome
            duck_rows, duck_error = None, str(error).splitlines()[0]
        if kernel_error is not None:
            kind, problem = "kernel rejected", kernel_error.splitlines()[0][:300]
            if duck_error is not None:
                problem += " (DuckDB rejected it too: %s)" % duck_error
        elif duck_error is not None:
            kind, problem = "DuckDB rejected", duck_error
        else:
            problem = oracle.compare(kernel_rows, duck_rows, query.key_positions, scale, query.order_positions,
                                     ties_may_differ=False)
            kind = "mismatch" if problem else "agree"
        outcome[kind] += 1
        label = "%s #%d (workers %d, chunk %d KiB)" % (os.path.basename(path), number, workers, chunk)
        if arguments.verbose or problem:
            print("%s %s: %s" % (kind.upper() if problem else "agree", label, query.sql.replace("\n", " ")))
            if problem:
                print("    " + problem[:500])
        if problem:
            failures.append({"file": os.path.basename(path), "sql": query.sql, "outcome": kind, "problem": problem,
                             "workers": workers, "chunk_kib": chunk, "features": query.features})


def report(arguments, binary, features, outcomes, used, failures, seconds):
    print("\ncorpus seed %d, %s, %.0f s; features: %s" % (arguments.seed, binary, seconds, ", ".join(sorted(features))))
    print("schema    queries   agree   mismatch   kernel rejected   DuckDB rejected")
    for schema, outcome in outcomes.items():
        print("%-8s %8d %7d %10d %17d %17d" % (schema, sum(outcome.values()), outcome["agree"], outcome["mismatch"],
                                               outcome["kernel rejected"], outcome["DuckDB rejected"]))
    print("queries per feature: " + ", ".join("%s %d" % item for item in sorted(used.items())))
    total = sum(sum(outcome.values()) for outcome in outcomes.values())
    print("%d passed, %d failed" % (total - len(failures), len(failures)))


def keep(arguments, directory, failures):
    if not failures:
        return
    os.makedirs(arguments.keep, exist_ok=True)
    for name in sorted({failure["file"] for failure in failures}):
        shutil.copy(os.path.join(directory, name), arguments.keep)
    with open(os.path.join(arguments.keep, "failures-seed-%d.json" % arguments.seed), "w") as handle:
        json.dump(failures, handle, indent=2, ensure_ascii=False)
    print("inputs and failing queries kept in %s/" % arguments.keep)


if __name__ == "__main__":
    main()
