/**
 * safetensors in pure Python (struct, json, numpy), for the exported program: Debian's
 * PyTorch has no `safetensors` package. Same format and dtypes as `safetensors.ts`.
 */
export const PY_SAFETENSORS = `def save_safetensors(path, state, metadata):
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
    """Reads safetensors into (state_dict, metadata)."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    metadata = header.pop("__metadata__", {})
    kinds = {"F32": "<f4", "F64": "<f8", "I64": "<i8", "I32": "<i4"}
    state = {}
    for name, e in header.items():
        start, end = e["data_offsets"]
        a = np.frombuffer(raw[8 + n + start:8 + n + end], dtype=kinds[e["dtype"]]).reshape(e["shape"])
        state[name] = torch.from_numpy(a.astype(a.dtype.newbyteorder("=")))
    return state, metadata
`;
