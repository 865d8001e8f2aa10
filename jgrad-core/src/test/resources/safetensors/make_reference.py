"""Writes the PyTorch-made safetensors reference files that SafeTensorsReferenceTest reads.

Run from this directory with the venv that has torch 2.13 and safetensors 0.8.0:
    /work/main/.venv/bin/python make_reference.py
Each NAME.safetensors gets a NAME.txt beside it, one line per tensor:
    name<TAB>dtype<TAB>shape (comma-separated)<TAB>values
where values are the tensor's elements in row-major order, comma-separated, as the float32 bit
pattern in hex for floating types read as float32 (F32, F16, BF16), the float64 bit pattern in hex
for F64, and decimal integers otherwise. Names are written with Python's unicode_escape so the
line format survives tabs and newlines in them.
"""

import struct

import torch
from safetensors.torch import save_file


def bits32(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def bits64(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def describe(name, t):
    dtype = {
        torch.float32: "F32", torch.float64: "F64", torch.float16: "F16",
        torch.bfloat16: "BF16", torch.int64: "I64", torch.int32: "I32",
        torch.uint8: "U8", torch.bool: "BOOL",
    }[t.dtype]
    flat = t.reshape(-1)
    if dtype in ("F32", "F16", "BF16"):
        values = ["%08x" % bits32(v) for v in flat.float().tolist()]
    elif dtype == "F64":
        values = ["%016x" % bits64(v) for v in flat.tolist()]
    else:
        values = [str(int(v)) for v in flat.tolist()]
    shape = ",".join(str(d) for d in t.shape)
    escaped = name.encode("unicode_escape").decode("ascii")
    return "\t".join([escaped, dtype, shape, ",".join(values)])


def write(stem, tensors, metadata=None):
    save_file(tensors, stem + ".safetensors", metadata=metadata)
    with open(stem + ".txt", "w", encoding="ascii") as f:
        for name in sorted(tensors):
            f.write(describe(name, tensors[name]) + "\n")


# The test vector of the format spec (section 7): 256 bytes, SHA-256 eb9a42bb...
write("spec_vector", {
    "weight": torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
    "bias": torch.tensor([0.5, -1.0]),
    "step": torch.tensor(7),
}, metadata={"format": "pt"})

# Every dtype jgrad loads, plus a 0-d and an empty tensor. The half-precision values are the
# spec's table (0.1, 65504 and 1e-8 round differently from truncation).
halves = [1.0, -2.5, 0.1, 3.14159, 65504.0, 1e-8]
write("all_dtypes", {
    "f32": torch.tensor([[0.0, -0.0, 1.5], [float("inf"), float("-inf"), 3.4e38]]),
    "f32_nan": torch.tensor([float("nan")]),
    "f64": torch.tensor([0.1, -1e300, 5e-324], dtype=torch.float64),
    "i64": torch.tensor(-9223372036854775807 - 1),
    "i32": torch.tensor([[-2147483648, 2147483647], [0, -1]], dtype=torch.int32),
    "u8": torch.tensor([0, 1, 128, 255], dtype=torch.uint8),
    "bool": torch.tensor([True, False, True]),
    "f16": torch.tensor(halves, dtype=torch.float16),
    "bf16": torch.tensor(halves, dtype=torch.bfloat16),
    "empty": torch.zeros(0, 4),
    "scalar_f64": torch.tensor(2.5, dtype=torch.float64),
})

# A state dict as nn.Sequential names it, with the conventional metadata.
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
write("sequential", {k: v.detach().contiguous() for k, v in model.state_dict().items()},
      metadata={"format": "pt"})

# Names that exercise serde_json's escaping and the writer's UTF-8 byte-order name sort
# ("\ufb01" sorts after "\U0001f600" in UTF-16 but before it in UTF-8).
odd = ['quote"d', "back\\slash", "new\nline", "tab\there", "ctl\x01\x1f", "a/b", "del\x7f",
       "caf\u00e9", "smile\U0001f600", "lig\ufb01", "sep\u2028", "0.weight", "10.bias", "2.bias"]
write("odd_names", {n: torch.tensor([float(i)]) for i, n in enumerate(odd)},
      metadata={"note": 'tab\t"quoted"'})
