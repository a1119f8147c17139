"""The two schemas of the query corpus and their seeded data generators.

`airline`: the 29 ASA Data Expo columns (header spelled as in the real files, `DayofMonth`), values shaped like
the real data: about 2% cancelled rows with `NA` times and delays, a few diverted rows, cause-of-delay columns
`NA` in some rows, thousands of tail numbers.

`text`: text-heavy: random text keys of several cardinalities (letters, digits, spaces, commas, quotes, `'`,
unicode from Latin to CJK and emoji, an occasional embedded line break), nulls as `NA`, as the empty field and as
quoted `"NA"`/`""`, fields quoted when they must be and at random otherwise, doubled quotes inside quotes, a few
integer and decimal columns with nulls.

Every column knows its DuckDB type, whether it may be a group key or an aggregate input, and the values it
holds (so the query generator can pick literals that hit). Text values never read as numbers: the kernel infers
key types from the data, so a text column of numerals would be an integer key there and VARCHAR in DuckDB.
"""


class Column:
    def __init__(self, name, kind, key=False, cardinality="low", values=None, low=0, high=0):
        self.name = name
        self.kind = kind  # "int", "double" or "text"
        self.key = key  # sensible as a GROUP BY key
        self.cardinality = cardinality  # "low" (≤ ~50 groups), "mid", "high" (thousands or more)
        self.values = values or []  # text columns: values worth using as literals
        self.low, self.high = low, high  # numeric columns: the usual range, for literals
        self.samples = []  # values seen in the first rows (as text, nulls left out): literals that hit


    @property
    def duckdb_type(self):
        return {"int": "BIGINT", "double": "DOUBLE", "text": "VARCHAR"}[self.kind]

    @property
    def numeric(self):
        return self.kind != "text"


def remember(columns, fields, row):
    """Keeps the first rows' non-null values as samples for literals."""
    if row < 400:
        for column, value in zip(columns, fields):
            text = str(value)
            if text not in ("NA", "", '"NA"', '""'):
                column.samples.append(text[1:-1].replace('""', '"') if text.startswith('"') else text)


def csv_field(text, rng, quote_probability=0.05):
    """`text` as a CSV field: quoted when it must be (delimiter, quote, line break, empty) or at random."""
    must = text == "" or any(character in text for character in ',"\r\n')
    if must or rng.random() < quote_probability:
        return '"' + text.replace('"', '""') + '"'
    return text


def encode(lines, newline, bom):
    data = (newline.join(lines) + newline).encode()
    return b"\xef\xbb\xbf" + data if bom else data


# MARK: airline

CARRIERS = ["WN", "AA", "MQ", "UA", "OO", "DL", "XE", "CO", "US", "EV", "NW", "FL", "YV", "B6", "OH", "9E", "AS",
            "F9", "HA", "AQ"]
AIRPORTS = ["ATL", "ORD", "DFW", "DEN", "LAX", "PHX", "IAH", "LAS", "DTW", "SLC", "EWR", "SFO", "MSP", "JFK", "CLT",
            "LGA", "BOS", "MCO", "SEA", "BWI", "PHL", "IAD", "MDW", "DCA", "SAN", "CVG", "TPA", "FLL", "MIA", "OAK",
            "HNL", "PDX", "STL", "MEM", "MKE", "CLE", "RDU", "AUS", "BNA", "MCI", "SJC", "SMF", "SNA", "IND", "PIT",
            "ABQ", "OGG", "BUR", "ONT", "ANC"]


def airline_columns(tail_numbers):
    def integer(name, low, high, key=False, cardinality="low"):
        return Column(name, "int", key=key, cardinality=cardinality, low=low, high=high)

    return [
        integer("Year", 2006, 2008, key=True), integer("Month", 1, 12, key=True),
        integer("DayofMonth", 1, 31, key=True), integer("DayOfWeek", 1, 7, key=True),
        integer("DepTime", 1, 2400), integer("CRSDepTime", 1, 2359), integer("ArrTime", 1, 2400),
        integer("CRSArrTime", 1, 2359),
        Column("UniqueCarrier", "text", key=True, values=CARRIERS),
        integer("FlightNum", 1, 7000, key=True, cardinality="high"),
        Column("TailNum", "text", key=True, cardinality="high", values=tail_numbers[:40]),
        integer("ActualElapsedTime", 20, 600), integer("CRSElapsedTime", 20, 600), integer("AirTime", 10, 560),
        integer("ArrDelay", -60, 300), integer("DepDelay", -30, 300),
        Column("Origin", "text", key=True, cardinality="mid", values=AIRPORTS),
        Column("Dest", "text", key=True, cardinality="mid", values=AIRPORTS),
        integer("Distance", 50, 4000), integer("TaxiIn", 0, 60), integer("TaxiOut", 0, 90),
        integer("Cancelled", 0, 1, key=True), Column("CancellationCode", "text", key=True, values=["A", "B", "C", "D"]),
        integer("Diverted", 0, 1, key=True),
        integer("CarrierDelay", 0, 200), integer("WeatherDelay", 0, 200), integer("NASDelay", 0, 200),
        integer("SecurityDelay", 0, 50), integer("LateAircraftDelay", 0, 200),
    ]


def airline(rng, rows, newline="\n", bom=False):
    """(columns, CSV bytes) of `rows` random airline rows."""
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    tails = sorted({"N%d%s%s" % (rng.randrange(100, 999), rng.choice(letters), rng.choice(letters))
                    for _ in range(max(50, rows // 8))})
    columns = airline_columns(tails)
    lines = [",".join(column.name for column in columns)]
    for row in range(rows):
        year = rng.choice([2007, 2007, 2007, 2007, 2006, 2008])
        month = rng.randrange(1, 13)
        day = rng.randrange(1, 29 if month == 2 else 31)
        carrier = rng.choice(CARRIERS[:12] if rng.random() < 0.8 else CARRIERS)
        origin, dest = rng.sample(AIRPORTS[:20] if rng.random() < 0.7 else AIRPORTS, 2)
        distance = rng.randrange(60, 3000)
        crs_dep = rng.randrange(5, 23) * 100 + rng.randrange(0, 60)
        crs_elapsed = 30 + distance // 8 + rng.randrange(0, 40)
        cancelled = rng.random() < 0.02
        diverted = not cancelled and rng.random() < 0.003
        dep_delay = int(rng.expovariate(1 / 12)) - 6 if rng.random() < 0.9 else rng.randrange(30, 400)
        arr_delay = dep_delay + rng.randrange(-20, 25)
        taxi_out, taxi_in = rng.randrange(5, 40), rng.randrange(2, 20)
        elapsed = crs_elapsed + arr_delay - dep_delay
        na = "NA"
        fields = [year, month, day, (day + month * 3) % 7 + 1]
        if cancelled:
            fields += [na, crs_dep, na, (crs_dep + 300) % 2400]
        else:
            fields += [(crs_dep + dep_delay) % 2400 or 2400, crs_dep, (crs_dep + crs_elapsed + arr_delay) % 2400 or 2400,
                       (crs_dep + crs_elapsed) % 2400]
        fields += [carrier, rng.randrange(1, 7000), rng.choice(tails) if rng.random() < 0.99 else na]
        if cancelled or diverted:
            fields += [na, crs_elapsed, na, na, na if diverted or rng.random() < 0.5 else dep_delay]
        else:
            fields += [elapsed, crs_elapsed, max(10, elapsed - taxi_out - taxi_in), arr_delay, dep_delay]
        fields += [origin, dest, distance, 0 if cancelled else taxi_in, 0 if cancelled else taxi_out]
        fields += [int(cancelled), rng.choice("ABC") if cancelled else "", int(diverted)]
        if not cancelled and arr_delay >= 15:
            causes = [rng.randrange(0, arr_delay + 1) for _ in range(5)]
            causes[3] = min(causes[3], 30)
        elif rng.random() < 0.1:
            causes = [na] * 5  # as in the years before the cause columns were filled
        else:
            causes = [0] * 5
        fields += causes
        remember(columns, fields, row)
        lines.append(",".join(csv_field(value, rng, 0.01) if isinstance(value, str) and value else str(value)
                              for value in fields))
    return columns, encode(lines, newline, bom)


# MARK: text-heavy

ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789", "  ,,\"\"''-./",
    "äöüßéèêçñøåœ", "ΑΒΓΔαβγδλω", "жзийклмн", "中文字符東京", "🙂🚀✈️", "ąčęėįšųūž",
]


def random_text(rng, length):
    """Random text that starts with a letter (so it never reads as a number) and holds no `%` or `_`."""
    first = rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäéΔж中🙂")
    rest = "".join(rng.choice(rng.choice(ALPHABETS)) for _ in range(length - 1))
    return first + rest


def text_pool(rng, count, low, high, line_breaks=False):
    pool = set()
    while len(pool) < count:
        text = random_text(rng, rng.randrange(low, high + 1))
        if line_breaks and rng.random() < 0.02:
            cut = rng.randrange(1, len(text) + 1)
            text = text[:cut] + rng.choice(["\n", "\r\n"]) + text[cut:]
        if text.strip() != text or text.upper() == "NA":
            continue  # DuckDB and the kernel agree on spaces, but keep keys readable in reports
        pool.add(text)
    return sorted(pool)


CATEGORIES = ["alpha", "Beta", "gamma ray", "δέλτα", "say \"hi\"", "a,b", "it's", "Ünïcödé", "中文", "x", "X",
              "🙂 smile"]


def decimal_text(rng):
    """A price with 0–2 decimals. Never `-0`: the kernel reads a field without fraction as an exact integer (0),
    DuckDB, told the column is DOUBLE, as -0.0, and 1 / -0.0 is -inf (`-0.0` and `-0.00` are doubles in both)."""
    text = "%.*f" % (rng.randrange(0, 3), rng.uniform(-100, 1000))
    return "0" if text == "-0" else text


def text_heavy(rng, rows, newline="\r\n", bom=False):
    """(columns, CSV bytes) of `rows` random rows of the text-heavy schema."""
    names = text_pool(rng, max(20, rows // 4), 1, 12, line_breaks=True)
    cities = text_pool(rng, 60, 3, 20)
    codes = text_pool(rng, max(100, rows // 2), 2, 6)
    columns = [
        Column("id", "int", key=True, cardinality="high", low=0, high=rows),
        Column("name", "text", key=True, cardinality="high", values=names[:60]),
        Column("category", "text", key=True, values=CATEGORIES),
        Column("city", "text", key=True, cardinality="mid", values=cities),
        Column("code", "text", key=True, cardinality="high", values=codes[:60]),
        Column("note", "text", cardinality="high", values=[]),
        Column("qty", "int", key=True, cardinality="mid", low=-50, high=500),
        Column("price", "double", low=-100, high=1000),
        Column("flag", "text", key=True, values=["Y", "N", "y", "n"]),
    ]
    # Header names quoted at random, as some exporters write them.
    lines = [",".join(csv_field(column.name, rng, 0.3) for column in columns)]

    def maybe_null(text, probability):
        if rng.random() < probability:
            return rng.choice(["NA", "", '"NA"', '""'])
        return csv_field(text, rng, 0.25)

    for row in range(rows):
        fields = [
            str(row) if rng.random() < 0.97 else "NA",
            maybe_null(rng.choice(names), 0.05),
            maybe_null(rng.choice(CATEGORIES), 0.1),
            maybe_null(rng.choice(cities), 0.03),
            maybe_null(rng.choice(codes), 0.02),
            maybe_null(random_text(rng, rng.randrange(1, 40)), 0.4),
            maybe_null(str(rng.randrange(-50, 500)), 0.08),
            maybe_null(decimal_text(rng), 0.1),
            maybe_null(rng.choice(["Y", "N", "y", "n"]), 0.2),
        ]
        remember(columns, fields, row)
        lines.append(",".join(fields))
    return columns, encode(lines, newline, bom)


SCHEMAS = {"airline": airline, "text": text_heavy}
