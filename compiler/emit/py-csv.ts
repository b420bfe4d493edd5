/**
 * The exported program's csv reader: dlc's dialect (docs/language.md, "The csv dialect"),
 * line for line as runtime/datasets/csv.ts reads it, with the same messages, DL0508 and
 * the same line; tests/emit/py-csv.test.ts checks both readers on generated files.
 */
export const PY_CSV = `class CsvError(Exception):
    """A csv file dlc cannot use: the line (or None) and the message, as dlc says them."""

    def __init__(self, path, line, message):
        self.line = line
        where = f"{path} line {line}" if line is not None else f"{path}"
        super().__init__(f"error DL0508: {where}: {message}")


def split_csv_line(text, path, line):
    """The fields of one line: commas, double quotes with "" inside, spaces around dropped."""
    fields, i, n = [], 0, len(text)
    while True:
        while i < n and text[i] in " \\t":
            i += 1
        if i < n and text[i] == '"':
            i += 1
            field = ""
            while True:
                if i >= n:
                    raise CsvError(path, line, "a quoted field is not closed")
                if text[i] == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        field += '"'
                        i += 2
                        continue
                    i += 1
                    break
                field += text[i]
                i += 1
            while i < n and text[i] in " \\t":
                i += 1
            if i < n and text[i] != ",":
                raise CsvError(path, line, "unexpected text after a quoted field")
        else:
            end = text.find(",", i)
            field = (text[i:] if end < 0 else text[i:end]).strip()
            if '"' in field:
                raise CsvError(path, line, "a quote inside an unquoted field")
            i = n if end < 0 else end
        fields.append(field)
        if i >= n:
            return fields
        i += 1


def csv_number(field):
    """A strict decimal number, as dlc reads one: not 0x1A, inf, nan, 1_000 or empty."""
    import re
    return float(field) if re.fullmatch(r"[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?", field, re.ASCII) else None


def read_csv_table(path, target, classes):
    """dlc's csv dialect (docs/language.md): strict UTF-8 (a BOM dropped), LF or CRLF,
    blank lines skipped, a header of distinct names, numeric features. Returns
    (x, labels, names, features); a problem raises CsvError with the line."""
    with open(path, "rb") as f:
        raw = f.read()
    for k, part in enumerate(raw.split(b"\\n")):
        try:
            part.decode("utf-8")
        except UnicodeDecodeError:
            raise CsvError(path, k + 1, "the bytes are not valid UTF-8 text; save the file as UTF-8") from None
    text = raw.decode("utf-8-sig")
    if text.startswith("\\ufeff"):
        text = text[1:]
    rows = []
    for k, line in enumerate(text.split("\\n")):
        line = line[:-1] if line.endswith("\\r") else line
        if line.strip():
            rows.append((k + 1, split_csv_line(line, path, k + 1)))
    if not rows:
        raise CsvError(path, None, "it is empty: it needs a header line and at least one row")
    (head_line, header), body = rows[0], rows[1:]
    for k, name in enumerate(header):
        if name == "":
            raise CsvError(path, head_line, f"column {k + 1} of the header has no name")
        if header.index(name) != k:
            raise CsvError(path, head_line, f'two columns are named "{name}"')
    target = header[-1] if target is None else target
    if target not in header:
        raise CsvError(path, head_line, f'there is no column "{target}"')
    if len(header) < 2:
        raise CsvError(path, head_line, f'there is no feature column besides the target "{target}"')
    if not body:
        raise CsvError(path, None, "it has a header but no rows")
    t = header.index(target)
    x, labels = [], []
    for line, r in body:
        if len(r) != len(header):
            raise CsvError(path, line, f"{len(r)} fields, but the header has {len(header)}")
        values = []
        for k, v in enumerate(r):
            if k == t:
                continue
            number = csv_number(v)
            if number is None:
                raise CsvError(path, line, f'column "{header[k]}" is {"empty" if v == "" else chr(34) + v + chr(34)}, not a number')
            values.append(number)
        if r[t] == "":
            raise CsvError(path, line, f'the target "{target}" is empty')
        x.append(values)
        labels.append(r[t])
    features = [h for k, h in enumerate(header) if k != t]
    first_name = next((k for k, v in enumerate(labels) if csv_number(v) is None), None)
    if not classes:
        if first_name is not None:
            raise CsvError(path, body[first_name][0], f'the target "{target}" is "{labels[first_name]}", not a number, and a regression (loss mse) needs numbers')
        return x, [float(v) for v in labels], None, features
    if first_name is None:
        keys = [number_name(float(v)) for v in labels]
        names = sorted(set(keys), key=float)
    else:
        keys = labels
        names = sorted(set(keys), key=lambda s: s.encode("utf-16-be"))
    if len(names) < 2:
        raise CsvError(path, None, f'the target "{target}" has one class only ("{names[0]}"); a classifier needs at least two')
    index = {name: k for k, name in enumerate(names)}
    return x, [index[k] for k in keys], names, features`;
