#!/usr/bin/env python3
"""The DuckDB side of a side-by-side SQL benchmark: read a CSV and run one query,
printing the result, as `huddle sql --table NAME=FILE QUERY` does.

    python3 scripts/bench/duckdb_query.py members /tmp/bench/members-1m.csv \
        "SELECT county, COUNT(*) AS n FROM members GROUP BY county ORDER BY n DESC"

Needs the duckdb Python package (pip install duckdb).
"""
import sys

import duckdb


def main():
    name, path, query = sys.argv[1], sys.argv[2], sys.argv[3]
    con = duckdb.connect()
    quoted = path.replace("'", "''")
    con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_csv_auto('{quoted}')")
    for row in con.execute(query).fetchall():
        print(*row, sep="\t")


if __name__ == "__main__":
    main()
