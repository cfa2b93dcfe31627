#!/usr/bin/env python3
"""Write a voter-file extract with N rows, narrow (8 columns) or wide (60 columns),
for the side-by-side benchmarks of issue 17 in docs/benchmarks.md. The files are not
committed: at 10M rows the narrow one is ~0.6 GB and the wide one ~3 GB.

    python3 scripts/bench/voters.py 1000000 /tmp/bench/voters-1m.csv
    python3 scripts/bench/voters.py 1000000 /tmp/bench/voters-wide-1m.csv --wide

Columns every file has (the ones the benchmarks chart):
    voter_id, first_name, last_name, county, precinct, birth_year, registered, donation
`registered` is an ISO date over 2000-2024; `donation` is dollars and cents, blank
for most people; `birth_year` is an integer. The wide file adds 52 columns shaped like
a state voter file: address, phone, party, scores, and 20 columns of vote history.

Deterministic: the same arguments give the same file. Names are invented and phone
numbers use the 555 exchange.
"""
import random
import sys

COUNTIES = ["Essex", "Suffolk", "Middlesex", "Bristol", "Worcester", "Hampden",
            "Plymouth", "Norfolk", "Barnstable", "Berkshire", "Franklin", "Hampshire",
            "Dukes", "Nantucket"]
FIRST = ["Ana", "Carlos", "Keisha", "Wei", "Fatima", "John", "Maria", "Tyrone",
         "Linh", "Sofia", "Omar", "Grace", "Dmitri", "Aisha", "Jose", "Mei"]
LAST = ["Rivera", "Walker", "Nguyen", "Smith", "Okafor", "Garcia", "Chen", "Brown",
        "Johnson", "Lopez", "Kim", "Williams"]
STREETS = ["Main St", "Elm St", "Washington Ave", "Centre St", "Maple Rd", "Park Ave",
           "Broadway", "School St", "Union Sq", "River Rd"]
CITIES = ["Lynn", "Salem", "Boston", "Quincy", "Lowell", "Worcester", "Springfield",
          "Brockton", "New Bedford", "Fall River"]
PARTIES = ["D", "R", "U", "U", "U", "G", "L"]
ELECTIONS = [f"{kind}_{year}" for year in range(2014, 2024) for kind in ("primary", "general")]

NARROW = ["voter_id", "first_name", "last_name", "county", "precinct", "birth_year",
          "registered", "donation"]
WIDE_EXTRA = (["middle_name", "suffix", "address", "unit", "city", "state", "zip",
               "mail_address", "phone", "cell_phone", "email", "party", "gender",
               "ethnicity", "language", "support_score", "turnout_score",
               "persuasion_score", "household_id", "household_size",
               "congressional_district", "state_senate", "state_house", "ward",
               "last_contacted", "contact_result", "volunteer", "member",
               "do_not_call", "notes", "source", "updated"]
              + ELECTIONS)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    wide = "--wide" in sys.argv[3:]
    rng = random.Random(17)
    # Pools of pre-joined pieces keep the generator fast at 10M rows.
    histories = [",".join(rng.choice(["Y", "N", "", "A"]) for _ in ELECTIONS)
                 for _ in range(4096)]
    dates = [f"{2000 + rng.randrange(25)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
             for _ in range(9000)]
    precincts = [f"{c[:3].upper()}-{w:02d}-{p}" for c in COUNTIES for w in range(1, 21)
                 for p in "ABC"]
    header = NARROW + (WIDE_EXTRA if wide else [])
    assert len(header) == (60 if wide else 8), len(header)
    with open(out, "w", newline="") as f:
        f.write(",".join(header) + "\n")
        lines = []
        for i in range(1, n + 1):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            county = rng.choice(COUNTIES)
            donation = f"{rng.randrange(5, 500)}.{rng.randrange(100):02d}" if rng.random() < 0.2 else ""
            row = (f"V{i:08d},{first},{last},{county},{rng.choice(precincts)},"
                   f"{1930 + rng.randrange(75)},{rng.choice(dates)},{donation}")
            if wide:
                row += (f",{rng.choice(FIRST)},,\"{rng.randrange(1, 999)} {rng.choice(STREETS)}\","
                        f",{rng.choice(CITIES)},MA,0{rng.randrange(1000, 2800):04d},,"
                        f"617555{rng.randrange(10**4):04d},,{first.lower()}.{last.lower()}{i}@example.org,"
                        f"{rng.choice(PARTIES)},{rng.choice('MFX')},,en,"
                        f"{rng.randrange(101)},{rng.randrange(101)}.{rng.randrange(10)},{rng.randrange(101)},"
                        f"H{i // 2:08d},{1 + rng.randrange(6)},{1 + rng.randrange(9)},"
                        f"{1 + rng.randrange(40)},{1 + rng.randrange(160)},{1 + rng.randrange(22)},"
                        f"{rng.choice(dates)},{rng.choice(['', 'canvassed', 'not home', 'refused'])},"
                        f"{rng.choice(['', 'yes'])},{rng.choice(['', 'yes'])},,,VAN,{rng.choice(dates)},"
                        f"{rng.choice(histories)}")
            lines.append(row)
            if len(lines) == 10000:
                f.write("\n".join(lines) + "\n")
                lines = []
        if lines:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
