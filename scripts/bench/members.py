#!/usr/bin/env python3
"""Write a member list shaped like sample-data/members.csv with N rows, for the
side-by-side benchmarks in docs/benchmarks.md (the files are not committed).

    python3 scripts/bench/members.py 1000000 /tmp/bench/members-1m.csv

Deterministic: the same N gives the same file. Invented names, example.org emails.
"""
import random
import sys

COUNTIES = ["Essex", "Suffolk", "Middlesex", "Bristol", "Worcester", "Hampden",
            "Plymouth", "Norfolk", "Barnstable", "Berkshire", "Franklin", "Hampshire"]
FIRST = ["Ana", "Carlos", "Keisha", "Wei", "Fatima", "John", "Maria", "Tyrone",
         "Linh", "Sofia", "Omar", "Grace"]
LAST = ["Rivera", "Walker", "Nguyen", "Smith", "Okafor", "Garcia", "Chen", "Brown"]


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(42)
    with open(out, "w", newline="") as f:
        f.write("member_id,first_name,last_name,email,phone,zip,county,joined\n")
        for i in range(1, n + 1):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            y, m, d = 2020 + rng.randrange(5), 1 + rng.randrange(12), 1 + rng.randrange(28)
            f.write(
                f"M{i:07d},{first},{last},{first.lower()}.{last.lower()}{i}@example.org,"
                f"617{rng.randrange(10**7):07d},0{rng.randrange(1000, 2800):04d},"
                f"{rng.choice(COUNTIES)},{y}-{m:02d}-{d:02d}\n"
            )


if __name__ == "__main__":
    main()
