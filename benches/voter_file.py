#!/usr/bin/env python3
"""huddle against xan and DuckDB on voter-file extracts (issue 17), side by side.

Every chart kind, sum and mean by category, `inspect`, `sql` (a count by county),
and `apply` (a recipe that
trims, upper-cases and pads, written to a new CSV; DuckDB's peer is a COPY of the
same SELECT, and xan has none), on files of 1M and 10M
rows, narrow (8 columns) and wide (60). Each case runs huddle, xan and DuckDB in
turn, the order rotating each round, so load on the machine falls on all three.
Prints, per case, the median wall time of each and the ratios huddle/xan and
huddle/DuckDB with their min and max over the rounds, and each one's peak memory.

    cargo build --release
    python3 benches/voter_file.py --rounds 5 --sizes 1m,10m --dir /tmp/bench

Needs `xan` (cargo install xan --version 0.61.0) and the duckdb Python package
(pip install duckdb) on
PATH / importable; a peer that is missing is skipped. The files are made by
scripts/bench/voters.py in --dir when they are not there yet (10M wide is ~2.6 GB).
DuckDB runs in a fresh Python process per run, as a command would: its figures
include starting Python (about 0.1 s).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name: (huddle args after FILE, xan pipeline with {f}, DuckDB query over table v)
CASES = {
    "bar (rows by county)": (
        ["--x", "county"],
        "{xan} freq -s county {f} | {xan} hist",
        "SELECT county, count(*) n FROM v GROUP BY 1 ORDER BY 2 DESC",
    ),
    "column (rows by county)": (
        ["--x", "county", "--type", "column"],
        "{xan} freq -s county {f} | {xan} hist",
        "SELECT county, count(*) n FROM v GROUP BY 1 ORDER BY 1",
    ),
    "line (registrations per month)": (
        ["--x", "registered", "--type", "line", "--every", "month"],
        "{xan} plot -LT registered --count -g months {f}",
        "SELECT date_trunc('month', registered) m, count(*) FROM v GROUP BY 1 ORDER BY 1",
    ),
    "histogram (birth_year)": (
        ["--x", "birth_year", "--type", "histogram"],
        "{xan} bins -s birth_year {f} | {xan} hist",
        "SELECT floor((birth_year - 1930) / 5) b, count(*) FROM v GROUP BY 1 ORDER BY 1",
    ),
    "scatter (donation by birth_year)": (
        ["--x", "birth_year", "--y", "donation", "--type", "scatter"],
        "{xan} plot -i birth_year donation {f}",
        "SELECT DISTINCT birth_year, donation FROM v WHERE donation IS NOT NULL",
    ),
    "sum of donation by county": (
        ["--x", "county", "--y", "donation", "--agg", "sum"],
        "{xan} groupby county 'sum(donation)' {f} | {xan} hist -l county -v 'sum(donation)'",
        "SELECT county, sum(donation) FROM v GROUP BY 1 ORDER BY 2 DESC",
    ),
    "mean of donation by county": (
        ["--x", "county", "--y", "donation", "--agg", "mean"],
        "{xan} groupby county 'mean(donation)' {f} | {xan} hist -l county -v 'mean(donation)'",
        "SELECT county, avg(donation) FROM v GROUP BY 1 ORDER BY 2 DESC",
    ),
    "inspect / stats": (
        None,
        "{xan} stats {f}",
        "SUMMARIZE v",
    ),
    "sql (rows by county)": (
        "sql",
        "{xan} freq -s county {f}",
        "SELECT county, count(*) AS n FROM v GROUP BY county ORDER BY n DESC",
    ),
    "apply (trim, upper, pad) / COPY": (
        "apply",
        None,
        "COPY (SELECT * REPLACE (trim(last_name) AS last_name, upper(county) AS county, "
        "lpad(CAST(birth_year AS VARCHAR), 5, '0') AS birth_year) FROM v) TO '{out}' (HEADER)",
    ),
}

RECIPE = """format = 1

[[ops]]
op = "trim"
column = "last_name"

[[ops]]
op = "case"
column = "county"
to = "upper"

[[ops]]
op = "pad"
column = "birth_year"
width = 5
with = "0"
"""

DUCK = (
    "import sys, duckdb; c = duckdb.connect(); "
    "c.execute(\"CREATE VIEW v AS SELECT * FROM read_csv('\" + sys.argv[1] + \"')\"); "
    "r = c.execute(sys.argv[2]).fetchall(); print(len(r))"
)


def run(cmd):
    """Wall seconds and peak RSS (MB) of one command, output discarded."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         shell=isinstance(cmd, str))
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {cmd}")
    return wall, usage.ru_maxrss / 1024


def files(sizes, folder, shapes):
    gen = os.path.join(ROOT, "scripts", "bench", "voters.py")
    out = []
    for size in sizes:
        rows = {"1m": 1_000_000, "10m": 10_000_000}[size]
        for wide in [w for w in (False, True) if ("wide" if w else "narrow") in shapes]:
            path = os.path.join(folder, f"voters{'-wide' if wide else ''}-{size}.csv")
            if not os.path.exists(path):
                subprocess.run([sys.executable, gen, str(rows), path] + (["--wide"] if wide else []),
                               check=True)
            out.append((f"{size} {'wide' if wide else 'narrow'}", path))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--sizes", default="1m")
    ap.add_argument("--dir", default=os.environ.get("TMPDIR", "/tmp"))
    ap.add_argument("--cases", default="", help="comma-separated words that pick cases")
    ap.add_argument("--huddle", default=os.path.join(ROOT, "target", "release", "huddle"))
    ap.add_argument("--files", default="narrow,wide", help="narrow, wide or both")
    args = ap.parse_args()
    huddle = args.huddle
    xan = shutil.which("xan")
    try:
        import duckdb  # noqa: F401
        duck = True
    except ImportError:
        duck = False
    picked = [c for c in CASES if not args.cases or any(w in c for w in args.cases.split(","))]
    print("| file | case | huddle s | xan s | huddle/xan (min-max) | DuckDB s | huddle/DuckDB (min-max) | peak MB huddle / xan / DuckDB |")
    print("|---|---|---|---|---|---|---|---|")
    for label, path in files(args.sizes.split(","), args.dir, args.files.split(",")):
        for case in picked:
            h_args, x_cmd, query = CASES[case]
            if h_args is None:
                cmds = {"huddle": [huddle, "inspect", path]}
            elif h_args == "apply":
                recipe = os.path.join(args.dir, "bench-recipe.toml")
                with open(recipe, "w") as f:
                    f.write(RECIPE)
                cmds = {"huddle": [huddle, "apply", recipe, path, "-o",
                                   os.path.join(args.dir, "apply-huddle.csv"), "--force"]}
                query = query.format(out=os.path.join(args.dir, "apply-duckdb.csv"))
            elif h_args == "sql":
                cmds = {"huddle": [huddle, "sql", "--table", f"v={path}", query]}
            else:
                cmds = {"huddle": [huddle, "chart", path, "--width", "80", "--height", "20"] + h_args}
            if xan and x_cmd:
                cmds["xan"] = x_cmd.format(xan=xan, f=path)
            if duck:
                cmds["duckdb"] = [sys.executable, "-c", DUCK, path, query]
            got = {k: [] for k in cmds}
            order = list(cmds)
            for r in range(args.rounds):
                for k in order[r % len(order):] + order[:r % len(order)]:
                    got[k].append(run(cmds[k]))
            wall = {k: [w for w, _ in v] for k, v in got.items()}
            rss = {k: max(m for _, m in v) for k, v in got.items()}

            def ratio(peer):
                if peer not in wall:
                    return "-", "-"
                rs = [h / p for h, p in zip(wall["huddle"], wall[peer])]
                return (f"{statistics.median(wall[peer]):.2f}",
                        f"{statistics.median(rs):.2f}x ({min(rs):.2f}-{max(rs):.2f})")
            xs, xr = ratio("xan")
            ds, dr = ratio("duckdb")
            mem = " / ".join(f"{rss[k]:.0f}" if k in rss else "-" for k in ("huddle", "xan", "duckdb"))
            print(f"| {label} | {case} | {statistics.median(wall['huddle']):.2f} | {xs} | {xr} "
                  f"| {ds} | {dr} | {mem} |", flush=True)


if __name__ == "__main__":
    main()
