"""Writes unfold-golden.json: torch.nn.functional.unfold/fold values and gradients (PyTorch CPU).

Run: /work/main/.venv/bin/python make_unfold_golden.py (from this directory).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(0)
# (name, input shape, kernel, dilation, padding, stride)
CASES = [
    ("basic", [2, 3, 5, 6], [3, 3], [1, 1], [0, 0], [1, 1]),
    ("padded", [2, 2, 4, 5], [3, 2], [1, 1], [1, 2], [1, 1]),
    ("strided", [1, 3, 7, 6], [2, 3], [1, 1], [1, 0], [2, 3]),
    ("dilated", [2, 1, 7, 7], [3, 2], [2, 3], [1, 1], [1, 2]),
    ("overlap", [1, 2, 6, 5], [4, 3], [1, 1], [2, 1], [3, 2]),
    ("pad_only_offsets", [1, 1, 2, 2], [3, 3], [1, 1], [2, 2], [1, 1]),
    ("unbatched", [3, 4, 4], [2, 2], [1, 1], [0, 1], [2, 1]),
]


def flat(t):
    return t.detach().reshape(-1).tolist()


cases = []
for name, shape, k, d, p, s in CASES:
    x = torch.randn(shape, dtype=torch.float64, requires_grad=True)
    y = F.unfold(x, k, dilation=d, padding=p, stride=s)
    gy = torch.randn(y.shape, dtype=torch.float64)
    (gx,) = torch.autograd.grad(y, x, gy)
    cols = torch.randn(y.shape, dtype=torch.float64, requires_grad=True)
    z = F.fold(cols, shape[-2:], k, dilation=d, padding=p, stride=s)
    gz = torch.randn(z.shape, dtype=torch.float64)
    (gcols,) = torch.autograd.grad(z, cols, gz)
    cases.append(
        {
            "name": name,
            "shape": shape,
            "kernel": k,
            "dilation": d,
            "padding": p,
            "stride": s,
            "x": flat(x),
            "unfoldShape": list(y.shape),
            "unfold": flat(y),
            "unfoldGradOut": flat(gy),
            "unfoldGrad": flat(gx),
            "cols": flat(cols),
            "fold": flat(z),
            "foldGradOut": flat(gz),
            "foldGrad": flat(gcols),
        }
    )

tmp = "unfold-golden.json.tmp"
with open(tmp, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
os.replace(tmp, "unfold-golden.json")
