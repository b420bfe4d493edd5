/**
 * safetensors in pure Python (struct, json, numpy), for the exported program: Debian's
 * PyTorch has no `safetensors` package. Same format and dtypes as `safetensors.ts`, and the
 * same checks, in the same order, with the same codes and messages as `decodeSafetensors`
 * and `checkWeights`: the messages come from the runtime catalogue (diagnostics/messages.ts `R`),
 * written into the program as a table.
 */
import { RUNTIME_MESSAGES } from '../diagnostics/messages.ts';
import { pyString } from './py-literal.ts';

const WEIGHTS_CODES = RUNTIME_MESSAGES.filter((m) => m.code >= 'DL0801' && m.code <= 'DL0829');

/** The catalogue's weights entries as a Python table, and the error that uses it. */
const PY_WEIGHTS_ERRORS = `# dlc's diagnostics catalogue for weights files: code -> (message template, help).
WEIGHTS_MESSAGES = {
${WEIGHTS_CODES.map((m) => `    ${pyString(m.code)}: (${pyString(m.template)}, ${m.help === undefined ? 'None' : pyString(m.help)}),`).join('\n')}
}


def shown(text, limit=240):
    """A value from a file, safe for a terminal: control characters escaped, cut with an ellipsis."""
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text))
    return text if len(text) <= limit else text[:limit - 1] + "\\u2026"


def shown_json(value):
    return shown(json.dumps(value, separators=(",", ":"), ensure_ascii=False), 80)


def is_whole(v):
    return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())


def not_json(constant):
    """NaN and Infinity are not JSON (JavaScript's JSON.parse refuses them too)."""
    raise ValueError(constant)


class WeightsError(Exception):
    """A weights file that cannot be used: dlc's code and message."""

    def __init__(self, code, **fields):
        template, self.help = WEIGHTS_MESSAGES[code]
        self.code = code
        self.message = template.format(**{k: shown(v, 300) for k, v in fields.items()})
        super().__init__(f"error {code}: {self.message}")`;

export const PY_SAFETENSORS = `${PY_WEIGHTS_ERRORS}


def save_safetensors(path, state, metadata):
    """Writes a state_dict as safetensors: float tensors as F32, int64 buffers as I64."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in state.items():
        t = t.detach().cpu()
        dtype = "I64" if t.dtype == torch.int64 else "F32"
        data = t.numpy().astype("<i8" if dtype == "I64" else "<f4").tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * (-len(head) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)) + head + b"".join(chunks))


def load_safetensors(path):
    """Reads safetensors into (state_dict, metadata), checking the file as dlc predict does:
    header, entries, offsets (inside the data, no overlap, covering it) and finite values.
    A problem raises WeightsError with dlc's code."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise WeightsError("DL0801", size=len(raw))
    (n,) = struct.unpack("<Q", raw[:8])
    if n > len(raw) - 8:
        raise WeightsError("DL0802", length=n, size=len(raw))
    data_size = len(raw) - 8 - n
    try:
        header = json.loads(raw[8:8 + n].decode("utf-8"), parse_constant=not_json)
    except ValueError:
        raise WeightsError("DL0803") from None
    if not isinstance(header, dict):
        raise WeightsError("DL0804")
    kinds = {"F32": "<f4", "F64": "<f8", "I64": "<i8", "I32": "<i4"}
    metadata, spans, entries = {}, [], []
    for name, e in header.items():
        if name == "__metadata__":
            if not isinstance(e, dict) or not all(isinstance(v, str) for v in e.values()):
                raise WeightsError("DL0805")
            metadata = e
            continue
        if not isinstance(e, dict) or not all(k in e for k in ("dtype", "shape", "data_offsets")):
            raise WeightsError("DL0806", name=name)
        if not isinstance(e["dtype"], str) or e["dtype"] not in kinds:
            raise WeightsError("DL0807", name=name, dtype=shown_json(e["dtype"]))
        shape, offsets = e["shape"], e["data_offsets"]
        if not isinstance(shape, list) or not all(is_whole(d) and d >= 0 for d in shape):
            raise WeightsError("DL0808", name=name, shape=shown_json(shape))
        if not isinstance(offsets, list) or len(offsets) != 2 or not all(is_whole(v) for v in offsets) or offsets[0] < 0 or offsets[1] < offsets[0]:
            raise WeightsError("DL0809", name=name, offsets=shown_json(offsets))
        start, end = int(offsets[0]), int(offsets[1])
        if end > data_size:
            raise WeightsError("DL0810", name=name, offsets=shown_json(offsets), size=data_size)
        dims = [int(d) for d in shape]
        needed = int(np.prod(dims, dtype=object)) * np.dtype(kinds[e["dtype"]]).itemsize
        if end - start != needed:
            raise WeightsError("DL0811", name=name, offsets=shown_json(offsets), bytes=end - start, shape=shown_json(shape), dtype=e["dtype"], needed=needed)
        spans.append((start, len(spans), end, name))
        entries.append((name, e["dtype"], dims, start, end))
    # Sorted by start (ties in header order): each tensor begins where the last ended or later.
    covered, last = 0, None
    for start, _, end, name in sorted(spans):
        if last is not None and start < last[0]:
            raise WeightsError("DL0812", first=last[1], second=name)
        covered += end - start
        last = (end, name)
    if covered != data_size:
        raise WeightsError("DL0813", covered=covered, size=data_size)
    state = {}
    for name, dtype, dims, start, end in entries:
        a = np.frombuffer(raw[8 + n + start:8 + n + end], dtype=kinds[dtype]).reshape(dims)
        if dtype in ("F32", "F64"):
            a = a.astype(np.float32)
            bad = np.flatnonzero(~np.isfinite(a))
            if len(bad):
                raise WeightsError("DL0814", name=name, index=int(bad[0]))
        state[name] = torch.from_numpy(a.astype(a.dtype.newbyteorder("=")))
    return state, metadata


def load_weights(path, model, width, classes):
    """load_safetensors, then what dlc predict checks: the model's names, shapes and dtype
    families, and dlc's metadata (standardisation of \`width\` inputs, as many class names
    as the net predicts, \`classes\`, or None for a regression). Returns (state_dict, metadata)."""
    state, meta = load_safetensors(path)
    own = model.state_dict()
    problems = []
    missing = [k for k in own if k not in state]
    unexpected = [k for k in state if k not in own]
    if missing:
        problems.append("missing " + ", ".join(missing))
    if unexpected:
        problems.append("unexpected " + ", ".join(unexpected))
    for k, t in own.items():
        if k in state and list(state[k].shape) != list(t.shape):
            problems.append(f"{k} has shape [{', '.join(map(str, state[k].shape))}], the net needs [{', '.join(map(str, t.shape))}]")
    if problems:
        trained_for = meta.get("dlc.net")
        origin = f" ({path} holds weights of net {trained_for})" if trained_for is not None and trained_for != NET else ""
        raise WeightsError("DL0815", net=NET + origin, problems="; ".join(problems))
    for k, t in own.items():
        is_int = not state[k].is_floating_point()
        if is_int != (not t.is_floating_point()):
            raise WeightsError("DL0816", name=k, dtype="an integer" if is_int else "float", expected="floats" if t.is_floating_point() else "integers")

    def parsed(key):
        try:
            return json.loads(meta[key], parse_constant=not_json)
        except ValueError:
            raise WeightsError("DL0817", key=key) from None

    def numbers(v):
        return isinstance(v, list) and len(v) == width and all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in v)

    if "dlc.standardize" in meta:
        s = parsed("dlc.standardize")
        if not isinstance(s, dict) or not numbers(s.get("mean")) or not numbers(s.get("std")) or not all(v > 0 for v in s["std"]):
            raise WeightsError("DL0818", width=width)
    for key in ("dlc.classes", "dlc.features"):
        if key in meta:
            v = parsed(key)
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise WeightsError("DL0819", key=key)
    for key in ("dlc.epochs", "dlc.seed"):
        if key in meta:
            digits = meta[key][1:] if meta[key].startswith("-") else meta[key]
            if not digits or any(c not in "0123456789" for c in digits):
                raise WeightsError("DL0821", key=key)
    if "dlc.classes" in meta and classes is not None and len(parsed("dlc.classes")) != classes:
        raise WeightsError("DL0820", count=len(parsed("dlc.classes")), net=NET, classes=classes)
    return state, meta
`;
