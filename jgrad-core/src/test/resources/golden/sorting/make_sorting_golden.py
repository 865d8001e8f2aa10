"""Writes sorting-golden.json: PyTorch references for sort, argsort, topk, cumsum and cumprod.

Run with /work/main/.venv/bin/python (torch 2.13 CPU). Each case: op, args, the input (values,
shape, dtype), the outputs flattened (values, and indices where the op gives them) and, for
floating inputs, the gradient of (values * w).sum() with w = 0.5 + 0.25 * arange(numel) reshaped
like the output. Non-finite numbers are written as the strings "nan", "inf", "-inf".
"""
import json
import math
import os
import torch

cases = []


def num(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def flat(t):
    return [num(v) for v in t.detach().flatten().tolist()]


def weights(like):
    return (0.5 + 0.25 * torch.arange(like.numel(), dtype=torch.float64)).reshape(like.shape).to(like.dtype)


def add(name, op, args, x, fn):
    x = x.clone()
    floating = x.dtype.is_floating_point
    if floating:
        x.requires_grad_(True)
    out = fn(x)
    values, indices = (out if isinstance(out, tuple) else (out, None))
    case = {
        "name": name,
        "op": op,
        "args": args,
        "input": x.flatten().tolist() if x.dtype == torch.bool else flat(x),
        "shape": list(x.shape),
        "dtype": str(x.dtype).replace("torch.", ""),
        "values": flat(values),
        "values_shape": list(values.shape),
        "values_dtype": str(values.dtype).replace("torch.", ""),
    }
    if indices is not None:
        case["indices"] = [int(i) for i in indices.flatten().tolist()]
    if floating and values.dtype.is_floating_point:
        (values * weights(values)).sum().backward()
        case["grad"] = flat(x.grad)
    cases.append(case)


nan = float("nan")
ties = torch.tensor([[3.0, 1.0, nan, 1.0, -2.0], [0.0, -0.0, 5.0, 0.0, nan], [2.0, 2.0, 2.0, -1.0, 7.0]])
for dim in [-1, 0]:
    for desc in [False, True]:
        tag = f"d{dim}_{'desc' if desc else 'asc'}"
        add(f"sort_f32_ties_nan_{tag}", "sort", {"dim": dim, "descending": desc}, ties,
            lambda x, dim=dim, desc=desc: tuple(torch.sort(x, dim=dim, descending=desc, stable=True)))
add("sort_f64_3d_d1", "sort", {"dim": 1, "descending": False},
    torch.tensor([[[0.3, -1.2], [2.5, 0.1], [-0.7, 4.0]], [[1.1, 1.0], [-3.0, 2.0], [0.0, -0.5]]], dtype=torch.float64),
    lambda x: tuple(torch.sort(x, dim=1, stable=True)))
add("sort_i64_ties_desc", "sort", {"dim": 0, "descending": True},
    torch.tensor([4, -1, 4, 9, 0, -1, 4], dtype=torch.int64),
    lambda x: tuple(torch.sort(x, dim=0, descending=True, stable=True)))
add("argsort_f64_desc", "argsort", {"dim": 1, "descending": True},
    torch.tensor([[0.5, nan, -1.0, 0.5], [3.0, 2.0, 3.0, -4.0]], dtype=torch.float64),
    lambda x: torch.argsort(x, dim=1, descending=True, stable=True))
add("argsort_i64_asc", "argsort", {"dim": 0, "descending": False},
    torch.tensor([[5, 1], [-2, 1], [5, 0]], dtype=torch.int64),
    lambda x: torch.argsort(x, dim=0, stable=True))

noties = torch.tensor([[0.3, -1.2, 2.5, 0.1, 4.0], [-0.7, 1.1, -3.0, 2.0, 0.6], [1.5, -2.2, 0.9, -0.4, 3.3]])
for k, dim, largest in [(2, 1, True), (3, 1, False), (2, 0, True), (1, 0, False), (5, -1, True)]:
    add(f"topk_f32_k{k}_d{dim}_{'largest' if largest else 'smallest'}", "topk",
        {"k": k, "dim": dim, "largest": largest}, noties,
        lambda x, k=k, dim=dim, largest=largest: tuple(torch.topk(x, k, dim=dim, largest=largest, sorted=True)))
add("topk_f64_nan_largest", "topk", {"k": 2, "dim": 0, "largest": True},
    torch.tensor([1.0, nan, 3.0, -2.0], dtype=torch.float64),
    lambda x: tuple(torch.topk(x, 2, dim=0)))

for dim in [0, 1, -1]:
    add(f"cumsum_f32_d{dim}", "cumsum", {"dim": dim}, noties, lambda x, dim=dim: torch.cumsum(x, dim))
    add(f"cumprod_f32_d{dim}", "cumprod", {"dim": dim}, noties, lambda x, dim=dim: torch.cumprod(x, dim))
add("cumsum_f32_long_rounding", "cumsum", {"dim": 0},
    torch.tensor([0.1] * 50 + [1e8, 0.3, -1e8, 0.7], dtype=torch.float32), lambda x: torch.cumsum(x, 0))
add("cumsum_i64", "cumsum", {"dim": 1}, torch.tensor([[1, -2, 3], [4, 5, -6]]), lambda x: torch.cumsum(x, 1))
add("cumsum_bool", "cumsum", {"dim": 0}, torch.tensor([True, False, True, True]), lambda x: torch.cumsum(x, 0))
add("cumprod_i64", "cumprod", {"dim": 0}, torch.tensor([2, -3, 4, 0, 5]), lambda x: torch.cumprod(x, 0))
zeros = torch.tensor([[1.5, 0.0, 2.0, -3.0, 0.5], [2.0, -1.0, 0.0, 4.0, 0.0], [0.0, 0.0, 3.0, 1.0, 2.0],
                      [1.2, -0.8, 2.5, 0.4, -1.5]], dtype=torch.float64)
add("cumprod_f64_zeros_d1", "cumprod", {"dim": 1}, zeros, lambda x: torch.cumprod(x, 1))
add("cumprod_f64_zeros_d0", "cumprod", {"dim": 0}, zeros, lambda x: torch.cumprod(x, 0))

here = os.path.dirname(os.path.abspath(__file__))
tmp = os.path.join(here, "sorting-golden.json.tmp")
with open(tmp, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
os.replace(tmp, os.path.join(here, "sorting-golden.json"))
