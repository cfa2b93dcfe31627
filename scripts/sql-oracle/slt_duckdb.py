#!/usr/bin/env python3
"""Run SQLite sqllogictest scripts (select1..select5) through DuckDB and report
how many queries DuckDB answers as the scripts expect.

A deliberately small runner, written for huddle (no code taken from any
sqllogictest implementation). It understands what select1-5.test use:

  statement ok / statement error        (SQL up to the next blank line)
  query <types> <sort> [label]          (SQL, a line "----", expected values)
  hash-threshold N
  skipif <engine> / onlyif <engine>     (this runner calls itself "duckdb")
  halt

Results are formatted per the column type letters, as SQLite's sqllogictest
does: I = integer (a real is truncated toward zero), R = "%.3f", T = text;
NULL prints "NULL", an empty string "(empty)", and characters outside
printable ASCII print "@". Sorting: nosort keeps the engine's row order,
rowsort sorts rows (column by column, by string), valuesort sorts all values.
Expected results are either listed (one value a line) or written as
"N values hashing to <md5>", the md5 of every value followed by "\\n".

Usage:
  python3 scripts/sql-oracle/slt_duckdb.py [--sqlite-compat] FILE.test...

--sqlite-compat turns on DuckDB settings that match SQLite's semantics the
scripts rely on: integer division for `/` on integers, and NULLs sorting
first in ascending order.
"""

import hashlib
import sys

import duckdb

ENGINE = "duckdb"


def fmt_value(v, t):
    if v is None:
        return "NULL"
    if t == "I":
        if isinstance(v, bool):
            return "1" if v else "0"
        if isinstance(v, int):
            return str(v)
        try:
            return str(int(float(v)))
        except (TypeError, ValueError):
            return "0"
    if t == "R":
        try:
            return "%.3f" % float(v)
        except (TypeError, ValueError):
            return "0.000"
    s = str(v)
    if s == "":
        return "(empty)"
    return "".join(c if " " <= c <= "~" else "@" for c in s)


def parse(path):
    """Yield records: dicts with kind, sql, line, and for queries types, sort,
    expected (list) or hash (count, md5)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    n = len(lines)
    conds = []
    while i < n:
        line = lines[i].rstrip("\r")
        i += 1
        if not line.strip() or line.startswith("#"):
            continue
        words = line.split()
        if words[0] in ("skipif", "onlyif"):
            conds.append((words[0], words[1]))
            continue
        if words[0] == "hash-threshold":
            yield {"kind": "hash-threshold", "n": int(words[1]), "conds": conds}
            conds = []
            continue
        if words[0] == "halt":
            yield {"kind": "halt", "conds": conds}
            conds = []
            continue
        start = i
        if words[0] == "statement":
            sql = []
            while i < n and lines[i].strip():
                sql.append(lines[i])
                i += 1
            yield {"kind": "statement", "expect": words[1], "sql": "\n".join(sql),
                   "line": start, "conds": conds}
            conds = []
            continue
        if words[0] == "query":
            types = words[1]
            sort = words[2] if len(words) > 2 else "nosort"
            sql = []
            while i < n and lines[i].strip() and lines[i] != "----":
                sql.append(lines[i])
                i += 1
            expected = []
            hashed = None
            if i < n and lines[i] == "----":
                i += 1
                while i < n and lines[i].strip():
                    expected.append(lines[i])
                    i += 1
            if len(expected) == 1 and " values hashing to " in expected[0]:
                cnt, _, md5 = expected[0].partition(" values hashing to ")
                hashed = (int(cnt), md5.strip())
                expected = None
            yield {"kind": "query", "types": types, "sort": sort, "sql": "\n".join(sql),
                   "expected": expected, "hash": hashed, "line": start, "conds": conds}
            conds = []
            continue
        raise SystemExit(f"{path}:{i}: cannot read line: {line!r}")


def skipped(conds):
    for kind, eng in conds:
        if kind == "skipif" and eng == ENGINE:
            return True
        if kind == "onlyif" and eng != ENGINE:
            return True
    return False


def run_file(path, compat):
    con = duckdb.connect(":memory:")
    if compat:
        con.execute("SET integer_division = true")
        con.execute("SET default_null_order = 'nulls_first'")
    stats = {"statements": 0, "statements_failed": 0, "queries": 0, "passed": 0,
             "wrong": 0, "errors": 0, "skipped": 0, "real_in_I": 0}
    failures = []
    threshold = 0
    for rec in parse(path):
        if skipped(rec["conds"]):
            stats["skipped"] += 1
            continue
        if rec["kind"] == "hash-threshold":
            threshold = rec["n"]
            continue
        if rec["kind"] == "halt":
            break
        if rec["kind"] == "statement":
            stats["statements"] += 1
            try:
                con.execute(rec["sql"])
                ok = rec["expect"] == "ok"
            except duckdb.Error:
                ok = rec["expect"] != "ok"
            if not ok:
                stats["statements_failed"] += 1
                failures.append((rec["line"], "statement", rec["sql"]))
            continue
        stats["queries"] += 1
        types = rec["types"]
        try:
            rows = con.execute(rec["sql"]).fetchall()
        except duckdb.Error as e:
            stats["errors"] += 1
            failures.append((rec["line"], "error: " + str(e).split("\n")[0], rec["sql"]))
            continue
        if rows and len(rows[0]) != len(types):
            stats["wrong"] += 1
            failures.append((rec["line"], "column count", rec["sql"]))
            continue
        if any(types[j] == "I" and isinstance(v, float) for r in rows for j, v in enumerate(r)):
            stats["real_in_I"] += 1
        frows = [[fmt_value(v, types[j]) for j, v in enumerate(r)] for r in rows]
        if rec["sort"] == "rowsort":
            frows.sort()
            values = [v for r in frows for v in r]
        elif rec["sort"] == "valuesort":
            values = sorted(v for r in frows for v in r)
        else:
            values = [v for r in frows for v in r]
        if rec["hash"] is not None:
            h = hashlib.md5("".join(v + "\n" for v in values).encode()).hexdigest()
            ok = (len(values), h) == rec["hash"]
        else:
            ok = values == rec["expected"]
        if ok:
            stats["passed"] += 1
        else:
            stats["wrong"] += 1
            failures.append((rec["line"], "wrong result", rec["sql"]))
    con.close()
    return stats, failures


def main(argv):
    compat = "--sqlite-compat" in argv
    verbose = "--verbose" in argv
    files = [a for a in argv if not a.startswith("--")]
    if not files:
        print(__doc__)
        return 2
    print(f"DuckDB {duckdb.__version__}; sqlite-compat settings: {'on' if compat else 'off'}")
    for path in files:
        stats, failures = run_file(path, compat)
        q = stats["queries"]
        rate = 100.0 * stats["passed"] / q if q else 0.0
        print(f"{path}: {stats['passed']}/{q} queries pass ({rate:.1f}%); "
              f"{stats['wrong']} wrong, {stats['errors']} errors; "
              f"{stats['statements']} statements, {stats['statements_failed']} failed; "
              f"{stats['skipped']} skipped; "
              f"{stats['real_in_I']} queries gave a non-integer number in an I column")
        if verbose:
            for line, why, sql in failures:
                print(f"  line {line}: {why}: {' '.join(sql.split())[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
