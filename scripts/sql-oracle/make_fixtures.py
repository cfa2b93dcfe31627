#!/usr/bin/env python3
"""Answer scripts/sql-oracle/corpus.sql with DuckDB and write the answers as a
sqllogictest file, tests/fixtures/sql-corpus/beginner.test.

    pip install duckdb==2.0.1
    python3 scripts/sql-oracle/make_fixtures.py

The six sample tables are loaded the way huddle loads them for a lesson: every
cell is read as text (an empty cell is NULL, as polars' CSV reader makes it),
then each column is converted to the type the lessons declare for it, with the
same rules as src/data/types.rs (`convert_text_column`, `parse_date`,
`parse_bool`, `parse_integer`, `is_blank_cell`). See README.md in this folder.

Deterministic: the same corpus, sample data and DuckDB version give the same bytes.
"""

import csv
import datetime
import decimal
import os
import re
import sys

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "sample-data")
CORPUS = os.path.join(HERE, "corpus.sql")
OUT = os.path.join(ROOT, "tests", "fixtures", "sql-corpus", "beginner.test")

# Column types as the lessons declare them (lessons/*.toml, [tables.*.columns]).
# members.joined is declared `date` in every lesson but one (05, which reads it
# as text on purpose); the corpus uses the date reading.
TABLES = {
    "members": [
        ("member_id", "text"), ("first_name", "text"), ("last_name", "text"),
        ("email", "text"), ("phone", "text"), ("zip", "text"), ("county", "text"),
        ("joined", "date"),
    ],
    "events": [
        ("event_id", "text"), ("name", "text"), ("type", "text"), ("county", "text"),
        ("date", "date"),
    ],
    "attendance": [("event_id", "text"), ("member_id", "text"), ("status", "text")],
    "one_on_ones": [
        ("member_id", "text"), ("date", "date"), ("organizer", "text"),
        ("became_leader", "boolean"),
    ],
    "turnout": [
        ("precinct", "text"), ("county", "text"), ("registered", "integer"),
        ("voted", "integer"), ("members_registered", "integer"),
        ("members_voted", "integer"),
    ],
    "counties": [("county", "text"), ("population", "integer")],
}
SQL_TYPE = {"text": "VARCHAR", "integer": "BIGINT", "date": "DATE", "boolean": "BOOLEAN"}

# --- huddle's parsing rules (src/data/types.rs), replicated -----------------

BLANK_MARKERS = ["-", "\u2014", "\u2013", "N/A", "n/a", "#N/A", "NULL", "null"]
DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%m-%d-%Y", "%Y%m%d"]


def rust_trim(s):
    # Rust's str::trim strips Unicode White_Space; Python's str.strip strips the
    # same set plus a few separators (\x1c-\x1f) that never occur in the sample data.
    return s.strip()


def is_blank_cell(v):
    t = rust_trim(v)
    return t == "" or t in BLANK_MARKERS


def parse_integer(s):
    t = rust_trim(s)
    if not re.fullmatch(r"[+-]?[0-9]+", t):
        return None
    n = int(t)
    return n if -(2 ** 63) <= n < 2 ** 63 else None


def parse_bool(s):
    t = rust_trim(s).lower()
    if t in ("true", "t", "yes", "y", "1"):
        return True
    if t in ("false", "f", "no", "n", "0"):
        return False
    return None


def _number(s, lo, hi):
    """chrono's scan::number: lo..=hi ASCII digits."""
    m = re.match(r"[0-9]{%d,%d}" % (lo, hi), s)
    if not m:
        return None, s
    return int(m.group(0)), s[m.end():]


def chrono_parse_date(s, fmt):
    """NaiveDate::parse_from_str for formats made of %Y, %m, %d and literals.
    %Y takes 1 to 4 digits, or a sign and any number of digits; %m and %d take
    1 or 2 digits; numeric items skip leading whitespace; literals must match;
    nothing may be left over; the date must exist."""
    y = m = d = None
    i = 0
    while i < len(fmt):
        if fmt[i] == "%":
            spec = fmt[i + 1]
            i += 2
            s = s.lstrip()
            if spec == "Y":
                if s[:1] in ("+", "-"):
                    sign = -1 if s[0] == "-" else 1
                    v, s = _number(s[1:], 1, 64)
                    v = None if v is None else sign * v
                else:
                    v, s = _number(s, 1, 4)
                y = v
            elif spec == "m":
                m, s = _number(s, 1, 2)
                v = m
            elif spec == "d":
                d, s = _number(s, 1, 2)
                v = d
            else:
                raise ValueError(spec)
            if v is None:
                return None
        else:
            if not s.startswith(fmt[i]):
                return None
            s = s[1:]
            i += 1
    if s:
        return None
    try:
        return datetime.date(y, m, d)
    except (ValueError, TypeError, OverflowError):
        return None  # no such day (or a year outside 1..9999: see README)


def parse_short_us_date(s):
    parts = s.split("/")
    if len(parts) != 3 or len(parts[2]) != 2:
        return None
    nums = []
    for p in parts:
        # Rust's u32/i32 FromStr: optional '+' (i32 also '-'), then ASCII digits.
        if not re.fullmatch(r"\+?[0-9]+", p):
            return None
        nums.append(int(p))
    mo, dd, yy = nums
    year = 2000 + yy if yy < 70 else 1900 + yy
    try:
        return datetime.date(year, mo, dd)
    except ValueError:
        return None


def parse_date(s):
    s = rust_trim(s)
    for f in DATE_FORMATS:
        got = chrono_parse_date(s, f)
        if got is not None and got.year >= 1000:
            return got
    return parse_short_us_date(s)


def convert(table, col, ty, values):
    """convert_text_column: blanks become NULL; any other value that does not
    parse stops the load, as huddle refuses to load the lesson table."""
    if ty == "text":
        return values
    parse = {"integer": parse_integer, "boolean": parse_bool, "date": parse_date}[ty]
    out = []
    for row, v in enumerate(values):
        if v is None or is_blank_cell(v):
            out.append(None)
            continue
        got = parse(v)
        if got is None:
            sys.exit(f"{table}.{col}: row {row + 1} holds {v!r}, not a {ty}; huddle "
                     "refuses to load such a table")
        out.append(got)
    return out


def load_tables(con):
    for table, cols in TABLES.items():
        path = os.path.join(DATA, table + ".csv")
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header = [h.strip() for h in rows[0]]
        names = [c for c, _ in cols]
        if header != names:
            sys.exit(f"{path}: header {header} is not {names}")
        body = [r for r in rows[1:] if r]
        columns = []
        for j, (col, ty) in enumerate(cols):
            raw = [r[j] if r[j] != "" else None for r in body]  # polars: empty -> null
            columns.append(convert(table, col, ty, raw))
        ddl = ", ".join(f'"{c}" {SQL_TYPE[t]}' for c, t in cols)
        con.execute(f'CREATE TABLE "{table}" ({ddl})')
        marks = ", ".join("?" for _ in cols)
        con.executemany(f'INSERT INTO "{table}" VALUES ({marks})', list(zip(*columns)))


# --- corpus -------------------------------------------------------------------

def read_corpus():
    """Sections and queries: a query ends at a line ending with ';'."""
    items = []  # (section, expect_error, sql)
    section, expect_error = None, False
    buf = []
    with open(CORPUS, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip()
            stripped = line.strip()
            if stripped.startswith("-- section:"):
                if buf:
                    sys.exit(f"corpus.sql:{lineno}: section starts inside a query")
                section = stripped[len("-- section:"):].strip()
                expect_error = section.endswith("(expect errors)")
                continue
            if stripped.startswith("--") or (not stripped and not buf):
                continue
            if not stripped:
                sys.exit(f"corpus.sql:{lineno}: blank line inside a query")
            buf.append(line)
            if stripped.endswith(";"):
                sql = "\n".join(buf).rstrip()[:-1].rstrip()
                if section is None:
                    sys.exit(f"corpus.sql:{lineno}: query before any section")
                items.append((section, expect_error, sql, lineno))
                buf = []
    if buf:
        sys.exit("corpus.sql: last query has no ';'")
    return items


KEYWORD = re.compile(r"\b(ORDER\s+BY|LIMIT|OFFSET|FETCH)\b", re.I)


def top_level_positions(sql):
    """(keyword, start) of ORDER BY / LIMIT / OFFSET at parenthesis depth 0,
    outside string literals and quoted names."""
    masked = []
    depth = 0
    quote = None
    for ch in sql:
        if quote:
            masked.append(" ")
            if ch == quote:
                quote = None
            continue
        if ch in ("'", '"'):
            quote = ch
            masked.append(" ")
            continue
        if ch == "(":
            depth += 1
        if ch == ")":
            depth -= 1
        masked.append(ch if depth == 0 and ch not in "()" else " ")
    text = "".join(masked)
    return [(re.sub(r"\s+", " ", m.group(1)).upper(), m.start()) for m in KEYWORD.finditer(text)]


def with_tiebreak(sql, ncols, desc):
    """The query with every output column, by position, appended to its
    top-level ORDER BY (before LIMIT/OFFSET)."""
    pos = top_level_positions(sql)
    order = [p for k, p in pos if k == "ORDER BY"]
    start = order[-1]
    after = [p for k, p in pos if k != "ORDER BY" and p > start]
    cut = after[0] if after else len(sql)
    extra = ", ".join(f"{i} {'DESC' if desc else 'ASC'}" for i in range(1, ncols + 1))
    return sql[:cut].rstrip() + ", " + extra + (" " + sql[cut:] if cut < len(sql) else "")


def type_letter(t):
    t = str(t).upper()
    if t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
             "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"):
        return "I"
    if t in ("DOUBLE", "FLOAT", "REAL") or t.startswith("DECIMAL"):
        return "R"
    return "T"


class Bad(Exception):
    pass


def fmt(v, letter):
    if v is None:
        return "NULL"
    if letter == "I":
        return str(int(v))
    if letter == "R":
        if isinstance(v, decimal.Decimal):
            q = v.quantize(decimal.Decimal("0.001"), rounding=decimal.ROUND_HALF_EVEN)
            if v * 1000 % 1 == decimal.Decimal("0.5") or v * 1000 % 1 == decimal.Decimal("-0.5"):
                raise Bad(f"{v} is a half at the 4th decimal: round it in the query")
            return f"{q:.3f}"
        x = float(v)
        if x != x or x in (float("inf"), float("-inf")):
            raise Bad(f"{x} is not a finite number")
        frac = abs(x * 1000) % 1
        if abs(frac - 0.5) < 1e-6:
            raise Bad(f"{x!r} is (nearly) a half at the 4th decimal: round it in the query")
        s = "%.3f" % x
        return "0.000" if s == "-0.000" else s
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime.datetime):
        if v.microsecond:
            raise Bad(f"timestamp {v} has fractions of a second")
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, (datetime.timedelta, datetime.time)):
        raise Bad(f"interval/time value {v!r}: cast it to a number")
    if isinstance(v, (list, dict, tuple)):
        raise Bad(f"nested value {v!r}")
    s = str(v)
    if s == "":
        return "(empty)"
    if s != s.strip() or "\n" in s or "\r" in s or "\t" in s:
        raise Bad(f"text {s!r} has outer or inner whitespace a .test line cannot keep; "
                  "wrap it, e.g. '[' || x || ']'")
    return s


def run(con, sql):
    cur = con.execute(sql)
    letters = "".join(type_letter(d[1]) for d in cur.description)
    return letters, cur.fetchall()


def main():
    con = duckdb.connect(":memory:")
    # Beginner courses and huddle's target engines (PostgreSQL, SQLite,
    # DataFusion) divide integers as integers and sort NULLs last ascending,
    # first descending; DuckDB's defaults differ, so set them.
    con.execute("SET integer_division = true")
    con.execute("SET default_null_order = 'nulls_last_on_asc_first_on_desc'")
    con.execute("SET threads = 1")
    load_tables(con)
    items = read_corpus()
    out = []
    out.append("# GENERATED by scripts/sql-oracle/make_fixtures.py from scripts/sql-oracle/corpus.sql;")
    out.append(f"# answers computed by DuckDB {duckdb.__version__} over sample-data/*.csv typed as huddle")
    out.append("# types lesson tables. Do not edit by hand. Regenerate with:")
    out.append(f"#   pip install duckdb=={duckdb.__version__}")
    out.append("#   python3 scripts/sql-oracle/make_fixtures.py")
    out.append("# DuckDB settings: integer_division = true (7/2 = 3), default_null_order =")
    out.append("# nulls_last_on_asc_first_on_desc (as PostgreSQL). Format: scripts/sql-oracle/README.md")
    out.append("")
    last_section = None
    counts = {}
    failures = []
    for section, expect_error, sql, lineno in items:
        counts[section] = counts.get(section, 0) + 1
        block = []
        if section != last_section:
            block.append(f"# section: {section}")
            block.append("")
            last_section = section
        try:
            letters, rows = run(con, sql)
            err = None
        except duckdb.Error as e:
            err = str(e).split("\n")[0].strip()
        if expect_error:
            if err is None:
                failures.append(f"corpus.sql:{lineno}: expected an error, DuckDB answered")
                continue
            block.append(f"# DuckDB: {err}")
            block.append("statement error")
            block.append(sql)
            block.append("")
            out.extend(block)
            continue
        if err is not None:
            failures.append(f"corpus.sql:{lineno}: DuckDB refused: {err}")
            continue
        try:
            frows = [[fmt(v, letters[j]) for j, v in enumerate(r)] for r in rows]
        except Bad as e:
            failures.append(f"corpus.sql:{lineno}: {e}")
            continue
        keys = [k for k, _ in top_level_positions(sql)]
        ordered = "ORDER BY" in keys
        limited = any(k in ("LIMIT", "OFFSET", "FETCH") for k in keys)
        mode = "rowsort"
        if ordered and rows:
            _, asc = run(con, with_tiebreak(sql, len(letters), False))
            _, desc = run(con, with_tiebreak(sql, len(letters), True))
            determined = asc == desc
            if determined and asc != rows:
                failures.append(f"corpus.sql:{lineno}: tie-break check disagrees with the query")
                continue
            if determined:
                mode = "nosort"
            elif limited:
                failures.append(f"corpus.sql:{lineno}: ORDER BY has ties and a LIMIT/OFFSET: "
                                "the rows returned are not determined")
                continue
        elif limited and len(rows) > 0:
            # LIMIT without ORDER BY is only safe when it does not cut anything.
            failures.append(f"corpus.sql:{lineno}: LIMIT/OFFSET without a top-level ORDER BY")
            continue
        block.append(f"query {letters} {mode}")
        block.append(sql)
        block.append("----")
        for r in frows:
            block.extend(r)
        block.append("")
        out.extend(block)
    if failures:
        for f in failures:
            print(f, file=sys.stderr)
        sys.exit(f"{len(failures)} queries need fixing; nothing written")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out).rstrip("\n") + "\n")
    errors = sum(1 for _, e, _, _ in items if e)
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(items)} queries, {errors} refused by DuckDB")
    for s, n in counts.items():
        print(f"  {n:4d}  {s}")


if __name__ == "__main__":
    main()
