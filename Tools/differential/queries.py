"""Random queries drawn only from the grammar the kernel supports, switched by feature.

Each feature names one piece of the grammar (Sources/AirlineAggregation/AirlineAggregation.docc/SQLReference.md).
The ones on by default are what the kernel runs today; the others are switched on with `--enable` as the kernel
gains them. A query records the features it used, the output positions of its group keys and of its ORDER BY
columns, and whether LIMIT cut it, so the comparison knows what must match in order.
"""

import re

from oracle import quoted_identifier, sql_text

# name: (on by default, what it adds to the generated grammar)
FEATURES = {
    "text-keys": (True, "GROUP BY text columns (alone or mixed with integer keys)"),
    "global": (True, "aggregates without GROUP BY (one row, also over no rows)"),
    "where": (True, "WHERE: comparisons with number, quoted-number and text literals, AND/OR/parentheses, "
                    "IN, BETWEEN, IS [NOT] NULL, LIKE 'prefix%' and LIKE 'exact'"),
    "having": (True, "HAVING over selected and unselected aggregates, aliases and keys"),
    "order-limit": (True, "ORDER BY aliases, keys and aggregates, ASC/DESC, NULLS FIRST/LAST, LIMIT, OFFSET"),
    "select-arithmetic": (True, "+ - * / unary minus, parentheses and numeric literals over keys and aggregates"),
    "not": (True, "NOT before a condition, NOT IN, NOT BETWEEN, NOT LIKE (WHERE and HAVING)"),
    "where-arithmetic": (True, "arithmetic over columns in WHERE, on either side of a comparison"),
    "cast": (True, "CAST(… AS DOUBLE | INTEGER | BIGINT | VARCHAR) in the select list and over columns in WHERE"),
    "coalesce": (True, "COALESCE(…) and NULLIF(…) in the select list and over columns in WHERE"),
    "count-distinct": (True, "count(DISTINCT column) over integer and text columns"),
    "text-minmax": (True, "min/max over text columns (select list, HAVING, ORDER BY)"),
}

DEFAULT_FEATURES = {name for name, (on, _) in FEATURES.items() if on}


def same_aggregate(left, right):
    """Whether two aggregates, as written, are the same one (case, quotes and spaces aside)."""
    def normal(text):
        return text.lower().replace(" ", "").replace('"', "").replace("mean(", "avg(")
    return normal(left) == normal(right)


class Item:
    """One select-list entry."""

    def __init__(self, text, alias=None, key=None, numeric=True, aggregate=None):
        self.text = text  # as written, without the alias
        self.alias = alias
        self.key = key  # the Column when this is a group key
        self.numeric = numeric
        self.aggregate = aggregate  # the aggregate's text when the item is a bare aggregate

    @property
    def sql(self):
        return self.text + (" AS " + self.alias if self.alias else "")

    @property
    def reference(self):
        """How ORDER BY and HAVING may name it."""
        if self.alias:
            return self.alias
        return self.text


class Query:
    def __init__(self, sql, key_positions, order_positions, limited, features):
        self.sql = sql
        self.key_positions = key_positions
        self.order_positions = order_positions
        self.limited = limited
        self.features = features


class QueryGenerator:
    def __init__(self, rng, columns, features):
        self.rng = rng
        self.columns = columns
        self.features = set(features)
        self.used = set()

    def on(self, feature, probability=1.0):
        """Whether to use `feature` this time; records it as used."""
        if feature in self.features and self.rng.random() < probability:
            self.used.add(feature)
            return True
        return False

    # MARK: pieces

    def column_name(self, column):
        """The column as written: usually its name, sometimes quoted or in another case."""
        roll = self.rng.random()
        if roll < 0.1:
            return quoted_identifier(column.name)
        if roll < 0.2:
            return column.name.lower() if self.rng.random() < 0.5 else column.name.upper()
        if column.name == "DayofMonth" and roll < 0.5:
            return "DayOfMonth"  # the spelling of the original job; matched case-insensitively
        return column.name

    def numeric_columns(self):
        return [column for column in self.columns if column.numeric]

    def text_columns(self):
        return [column for column in self.columns if not column.numeric]

    def number_literal(self, column, quoted_ok=True):
        if column.samples and self.rng.random() < 0.7:
            value = self.rng.choice(column.samples)
            return "'%s'" % value if quoted_ok and self.rng.random() < 0.1 else value
        value = self.rng.randint(column.low, column.high)
        roll = self.rng.random()
        if roll < 0.15 and column.kind == "double" or roll < 0.05:
            return "%d.%d" % (value, self.rng.randrange(0, 10)) if value >= 0 else "-%d.%d" % (-value, self.rng.randrange(10))
        if quoted_ok and roll < 0.12:
            return "'%d'" % value  # a quoted number compares by value
        return str(value)

    def text_literal(self, column):
        pool = column.values + column.samples
        if pool and self.rng.random() < 0.85:
            return sql_text(self.rng.choice(pool))
        return sql_text(self.rng.choice(["", "A", "N", "Z", "m", "ü", "中", "zz", "b,c"]))

    def aggregate(self, numeric_only=False):
        """(text, whether its result is a number)"""
        rng = self.rng
        roll = rng.random()
        if roll < 0.12:
            return rng.choice(["count(*)", "COUNT(*)", "count( * )"]), True
        if roll < 0.22:
            return "count(%s)" % self.column_name(rng.choice(self.columns)), True
        if roll < 0.3 and self.on("count-distinct"):
            return "count(DISTINCT %s)" % self.column_name(rng.choice(self.columns)), True
        if roll < 0.4 and not numeric_only and self.text_columns() and self.on("text-minmax"):
            return "%s(%s)" % (rng.choice(["min", "max", "MAX"]), self.column_name(rng.choice(self.text_columns()))), False
        function = rng.choice(["sum", "avg", "min", "max", "sum", "avg", "mean", "Sum", "AVG"])
        return "%s(%s)" % (function, self.column_name(rng.choice(self.numeric_columns()))), True

    def arithmetic(self, leaves, depth=0):
        """An arithmetic expression over `leaves` (texts of numeric operands) and literals; at depth 0 never a bare
        leaf (a key selected a second time, or an aggregate under a second name, is rejected by the kernel)."""
        rng = self.rng
        if depth >= 2 or depth > 0 and rng.random() < 0.35:
            roll = rng.random()
            if roll < 0.2:
                return rng.choice(["1", "2", "3", "10", "100", "0.5", "2.5", "60", "7"])
            return rng.choice(leaves)
        if rng.random() < 0.08:
            return "-" + self.parenthesised(self.arithmetic(leaves, depth + 1))
        op = rng.choice(["+", "-", "*", "/"])
        left, right = self.arithmetic(leaves, depth + 1), self.arithmetic(leaves, depth + 1)
        text = "%s %s %s" % (self.parenthesised(left), op, self.parenthesised(right))
        return "(" + text + ")" if rng.random() < 0.3 else text

    @staticmethod
    def parenthesised(text):
        return "(" + text + ")" if any(op in text for op in " +-*/") and not text.startswith("(") else text

    def computed(self, leaves, integer_leaves):
        """A computed select item over `leaves` (numeric operands), maybe wrapped in CAST, COALESCE or NULLIF:
        (text, whether it is a number). CAST to INTEGER takes only values within INT32 (DuckDB fails beyond),
        CAST to VARCHAR only integers (the engines spell doubles differently)."""
        rng = self.rng
        if self.on("cast", 0.3):
            roll = rng.random()
            if roll < 0.35:
                return "CAST(%s AS %s)" % (self.arithmetic(leaves), rng.choice(["DOUBLE", "double"])), True
            if roll < 0.7:
                bounded = "%s(%s)" % (rng.choice(["avg", "min", "max"]), self.column_name(
                    rng.choice(self.numeric_columns())))
                return "CAST(%s AS %s)" % (bounded, rng.choice(["INTEGER", "BIGINT", "integer"])), True
            return "CAST(%s AS VARCHAR)" % rng.choice(integer_leaves + ["count(*)"]), False
        text = self.arithmetic(leaves)
        if self.on("coalesce", 0.3):
            if rng.random() < 0.6:
                text = "COALESCE(%s, %s)" % (text, rng.choice(["0", "-1", "2.5", rng.choice(leaves)]))
            else:
                text = "NULLIF(%s, %s)" % (text, rng.choice(["0", "1", rng.choice(leaves)]))
        return text, True

    def column_operand(self):
        """A numeric column in WHERE, sometimes wrapped in CAST or COALESCE."""
        rng = self.rng
        column = rng.choice(self.numeric_columns())
        name = self.column_name(column)
        if self.on("cast", 0.15):
            return "CAST(%s AS %s)" % (name, rng.choice(["DOUBLE", "INTEGER", "BIGINT"]))
        if self.on("coalesce", 0.15):
            if rng.random() < 0.7:
                return "COALESCE(%s, %s)" % (name, self.number_literal(column, quoted_ok=False))
            return "NULLIF(%s, %s)" % (name, self.number_literal(column, quoted_ok=False))
        return name

    # MARK: conditions

    def condition(self, depth=0, having_items=None):
        """A WHERE condition over columns, or a HAVING condition over `having_items`."""
        rng = self.rng
        if depth < 2 and rng.random() < 0.25:
            parts = [self.condition(depth + 1, having_items) for _ in range(rng.randrange(2, 4))]
            return "(" + rng.choice([" AND ", " OR ", " and "]).join(parts) + ")"
        if self.on("not", 0.12):
            return "NOT " + self.parenthesised_condition(self.condition(depth + 1, having_items))
        if having_items is not None:
            return self.having_predicate(having_items)
        if self.on("where-arithmetic", 0.2):
            left = self.arithmetic([self.column_operand() for _ in range(3)])
            right = self.arithmetic([self.column_operand() for _ in range(2)]) if rng.random() < 0.3 else (
                self.number_literal(rng.choice(self.numeric_columns()), quoted_ok=False))
            return "%s %s %s" % (left, rng.choice(["=", "<>", "<", "<=", ">", ">="]), right)
        if ("cast" in self.features or "coalesce" in self.features) and rng.random() < 0.1:
            operand = self.column_operand()
            if operand.startswith(("CAST", "COALESCE", "NULLIF")):
                column = rng.choice(self.numeric_columns())
                if rng.random() < 0.2:
                    return "%s IS %sNULL" % (operand, rng.choice(["", "NOT "]))
                return "%s %s %s" % (operand, rng.choice(["=", "<>", "<", ">="]), self.number_literal(column, False))
        return self.predicate(rng.choice(self.columns))

    @staticmethod
    def parenthesised_condition(text):
        return text if text.startswith("(") else "(" + text + ")"

    def negation(self):
        return "NOT " if self.on("not", 0.25) else ""

    def predicate(self, column, name=None):
        rng = self.rng
        name = name or self.column_name(column)
        literal = (lambda: self.number_literal(column)) if column.numeric else (lambda: self.text_literal(column))
        roll = rng.random()
        if roll < 0.1:
            return "%s IS %sNULL" % (name, rng.choice(["", "NOT "]))
        if roll < 0.22:
            options = ", ".join(literal() for _ in range(rng.randrange(1, 5)))
            return "%s %sIN (%s)" % (name, self.negation(), options)
        if roll < 0.32:
            low, high = sorted([literal(), literal()], key=lambda text: text) if not column.numeric else (
                self.ordered_numbers(column))
            return "%s %sBETWEEN %s AND %s" % (name, self.negation(), low, high)
        if roll < 0.45 and not column.numeric:
            return "%s %sLIKE %s" % (name, self.negation(), self.like_pattern(column))
        op = rng.choice(["=", "<>", "!=", "<", "<=", ">", ">="])
        return "%s %s %s" % (name, op, literal())

    def ordered_numbers(self, column):
        if column.samples and self.rng.random() < 0.7:
            return tuple(sorted((self.rng.choice(column.samples) for _ in range(2)), key=float))
        low = self.rng.randint(column.low, column.high)
        high = self.rng.randint(low, max(low, column.high))
        return str(low), str(high)

    def like_pattern(self, column):
        pool = column.values + column.samples
        value = self.rng.choice(pool) if pool else "a"
        if self.rng.random() < 0.2:
            return sql_text(value)  # no wildcard: equality
        return sql_text(value[: self.rng.randrange(0, min(4, len(value)) + 1)] + "%")

    def having_predicate(self, items):
        """A HAVING comparison over an output item (alias, key or aggregate) or an aggregate not selected."""
        rng = self.rng
        if rng.random() < 0.3:
            text, numeric = self.aggregate()
            operand = Item(text, numeric=numeric, aggregate=text)
        else:
            operand = rng.choice(items)
        if operand.key is not None:
            return self.predicate(operand.key, name=operand.alias or self.column_name(operand.key))
        name = operand.reference
        if not operand.numeric:
            return "%s %s %s" % (name, rng.choice(["=", "<", ">=", "<>"]), self.text_literal(
                rng.choice(self.text_columns())))
        roll = rng.random()
        if roll < 0.1:
            return "%s IS %sNULL" % (name, rng.choice(["", "NOT "]))
        number = lambda: str(rng.choice([0, 1, 2, 3, 5, 10, 20, 50, 100, 1000, -5, 15]))  # noqa: E731
        if roll < 0.2:
            low = int(number())
            return "%s %sBETWEEN %d AND %d" % (name, self.negation(), low, low + rng.choice([1, 10, 100, 10000]))
        if roll < 0.28:
            return "%s %sIN (%s)" % (name, self.negation(), ", ".join(number() for _ in range(rng.randrange(1, 4))))
        return "%s %s %s" % (name, rng.choice(["=", "<>", "<", "<=", ">", ">="]), number())

    # MARK: the statement

    def query(self):
        rng = self.rng
        self.used = set()
        keys = []
        if not self.on("global", 0.12):
            candidates = [column for column in self.columns if column.key]
            if "text-keys" not in self.features:
                candidates = [column for column in candidates if column.numeric]
            count = rng.choice([1, 1, 1, 2, 2, 3])
            keys = rng.sample(candidates, min(count, len(candidates)))
            if any(not column.numeric for column in keys):
                self.used.add("text-keys")
        items = []
        for index, column in enumerate(keys):
            alias = "k%d" % index if rng.random() < 0.15 else None
            items.append(Item(self.column_name(column), alias=alias, key=column, numeric=column.numeric))
        aggregate_items = []
        for index in range(rng.randrange(1, 5)):
            text, numeric = self.aggregate()
            if any(same_aggregate(item.aggregate, text) for item in aggregate_items):
                continue  # the kernel names each output column once
            alias = rng.choice(["a%d" % index, '"A %d"' % index]) if rng.random() < 0.75 else None
            aggregate_items.append(Item(text, alias=alias, numeric=numeric, aggregate=text))
        items += aggregate_items
        numeric_leaves = [item.text for item in items if item.numeric]
        integer_leaves = [item.text for item in items if item.key is not None and item.numeric]
        if numeric_leaves and self.on("select-arithmetic", 0.35):
            for index in range(rng.randrange(1, 3)):
                leaves = numeric_leaves + [self.aggregate(numeric_only=True)[0] for _ in range(2)]
                text, numeric = self.computed(leaves, integer_leaves)
                items.append(Item(text, alias="x%d" % index, numeric=numeric))
        if rng.random() < 0.3:
            rng.shuffle(items)
        sql = [rng.choice(["SELECT", "select"]), ", ".join(item.sql for item in items),
               rng.choice(["FROM t", "FROM airlines", "from t"])]
        if self.on("where", 0.6):
            sql.append("WHERE " + self.condition())
        if keys:
            sql.append("GROUP BY " + ", ".join(item.text for item in items if item.key is not None))
            if self.on("having", 0.3):
                sql.append("HAVING " + self.condition(having_items=items))
        key_positions = [index for index, item in enumerate(items) if item.key is not None]
        order_positions, limited = [], False
        if keys and self.on("order-limit", 0.4):
            chosen = rng.sample(range(len(items)), rng.randrange(1, min(3, len(items)) + 1))
            order = []
            for position in chosen:
                item = items[position]
                reference = item.reference if item.key is None or rng.random() < 0.5 else self.column_name(item.key)
                direction = rng.choice(["", " ASC", " DESC", " desc"])
                nulls = rng.choice(["", "", " NULLS FIRST", " NULLS LAST"])
                order.append(reference + direction + nulls)
            order_positions = list(chosen)
            if rng.random() < 0.6:
                # LIMIT needs a total order: every key not yet named follows, ascending.
                for position in key_positions:
                    if position not in chosen:
                        order.append(items[position].reference)
                        order_positions.append(position)
                limited = True
            sql.append("ORDER BY " + ", ".join(order))
            if limited:
                sql.append("LIMIT %d" % rng.choice([0, 1, 3, 10, 100]))
                if rng.random() < 0.4:
                    sql.append("OFFSET %d" % rng.choice([0, 1, 5]))
        separator = "\n" if rng.random() < 0.2 else " "
        text = separator.join(sql) + (";" if rng.random() < 0.1 else "")
        return Query(text, key_positions, order_positions, limited, sorted(self.detected(text)))

    def detected(self, sql):
        """The features the finished statement uses: what was drawn, less what a later choice left out (an
        aggregate drawn for an arithmetic leaf that was not picked)."""
        used = set(self.used)
        spelled = {
            "not": r"\bNOT\s+(\(|IN\b|BETWEEN\b|LIKE\b)",
            "cast": r"\bCAST\(",
            "coalesce": r"\b(COALESCE|NULLIF)\(",
            "count-distinct": r"\(DISTINCT\b",
            "text-minmax": r"\b(min|max)\(\s*(%s)\s*\)" % "|".join(
                '"?%s"?' % re.escape(column.name) for column in self.text_columns()),
        }
        for feature, pattern in spelled.items():
            if not re.search(pattern, sql, re.IGNORECASE):
                used.discard(feature)
        return used
