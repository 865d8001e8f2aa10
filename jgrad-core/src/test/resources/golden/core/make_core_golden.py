"""Writes core-ops-golden.json, factories-golden.json and repr-golden.json from PyTorch (CPU).

Run: /work/main/.venv/bin/python make_core_golden.py  (from this directory).
Each op case stores its inputs (as a base tensor plus an optional non-contiguous view), the
output (shape, dtype, values) and, for differentiable cases, the gradients of (out * w).sum()
with respect to each base input, for a fixed random w.
"""
import json
import math
import os

import numpy as np
import torch

rng = np.random.default_rng(2024)
DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "bool": torch.bool}
NAME = {v: k for k, v in DT.items()}


def inp(shape, dtype="float32", kind="normal", view="none", grad=None):
    """An input spec: base values, then view 't' (transpose last two) or 'step' (every 2nd of last)."""
    return dict(shape=list(shape), dtype=dtype, kind=kind, view=view,
                grad=(dtype.startswith("float") if grad is None else grad))


def values_for(spec, n):
    kind = spec["kind"]
    if kind == "normal":
        v = rng.standard_normal(n)
    elif kind == "pos":
        v = rng.uniform(0.5, 2.0, n)
    elif kind == "int":
        v = rng.integers(-5, 6, n)
    elif kind == "bool":
        v = rng.integers(0, 2, n)
    elif kind.startswith("index"):  # index<k>: indices in [0, k)
        v = rng.integers(0, int(kind[5:]), n)
    elif kind == "small":  # values with ties, for eq/max tests
        v = rng.integers(-2, 3, n).astype(float)
    else:
        raise ValueError(kind)
    return v


def build(spec):
    n = int(np.prod(spec["shape"])) if spec["shape"] else 1
    v = values_for(spec, n)
    base = torch.tensor(v, dtype=DT[spec["dtype"]]).reshape(spec["shape"])
    if spec["grad"]:
        base.requires_grad_(True)
    x = base
    if spec["view"] == "t":
        x = base.transpose(-2, -1)
    elif spec["view"] == "step":
        x = base[..., ::2]
    return base, x


def flat(t):
    t = t.detach()
    if t.dtype == torch.bool:
        return [bool(b) for b in t.reshape(-1).tolist()]
    if t.dtype.is_floating_point:
        return [float(f) for f in t.double().reshape(-1).tolist()]
    return [int(i) for i in t.reshape(-1).tolist()]


def cat_flat(parts):
    return torch.cat([p.reshape(-1) for p in parts])


OPS = {
    "add": lambda x, a: x[0] + x[1], "sub": lambda x, a: x[0] - x[1],
    "mul": lambda x, a: x[0] * x[1], "div": lambda x, a: x[0] / x[1],
    "add_scalar": lambda x, a: x[0] + a["s"], "mul_scalar": lambda x, a: x[0] * a["s"],
    "rsub_scalar": lambda x, a: a["s"] - x[0], "rdiv_scalar": lambda x, a: a["s"] / x[0],
    "pow_scalar": lambda x, a: x[0] ** a["s"], "pow": lambda x, a: x[0] ** x[1],
    "minimum": lambda x, a: torch.minimum(x[0], x[1]),
    "maximum": lambda x, a: torch.maximum(x[0], x[1]),
    "where": lambda x, a: torch.where(x[0], x[1], x[2]),
    "clamp": lambda x, a: x[0].clamp(a["min"], a["max"]),
    "sum": lambda x, a: x[0].sum() if a.get("dims") is None else x[0].sum(a["dims"], keepdim=a["keepdim"]),
    "mean": lambda x, a: x[0].mean() if a.get("dims") is None else x[0].mean(a["dims"], keepdim=a["keepdim"]),
    "var": lambda x, a: x[0].var(a.get("dims"), correction=a["correction"], keepdim=a["keepdim"]),
    "std": lambda x, a: x[0].std(a.get("dims"), correction=a["correction"], keepdim=a["keepdim"]),
    "prod": lambda x, a: x[0].prod() if a.get("dim") is None else x[0].prod(a["dim"], keepdim=a["keepdim"]),
    "amax": lambda x, a: x[0].amax(a["dims"], keepdim=a["keepdim"]),
    "amin": lambda x, a: x[0].amin(a["dims"], keepdim=a["keepdim"]),
    "max_all": lambda x, a: x[0].max(), "min_all": lambda x, a: x[0].min(),
    "max_dim_values": lambda x, a: x[0].max(a["dim"], keepdim=a["keepdim"]).values,
    "max_dim_indices": lambda x, a: x[0].max(a["dim"], keepdim=a["keepdim"]).indices,
    "min_dim_values": lambda x, a: x[0].min(a["dim"], keepdim=a["keepdim"]).values,
    "min_dim_indices": lambda x, a: x[0].min(a["dim"], keepdim=a["keepdim"]).indices,
    "argmax": lambda x, a: x[0].argmax(a.get("dim"), keepdim=a["keepdim"]),
    "argmin": lambda x, a: x[0].argmin(a.get("dim"), keepdim=a["keepdim"]),
    "logsumexp": lambda x, a: x[0].logsumexp(a["dims"], keepdim=a["keepdim"]),
    "softmax": lambda x, a: x[0].softmax(a["dim"]),
    "log_softmax": lambda x, a: x[0].log_softmax(a["dim"]),
    "matmul": lambda x, a: x[0] @ x[1], "mm": lambda x, a: x[0].mm(x[1]),
    "addmm": lambda x, a: x[0].addmm(x[1], x[2]),
    "bmm": lambda x, a: x[0].bmm(x[1]), "mv": lambda x, a: x[0].mv(x[1]),
    "dot": lambda x, a: x[0].dot(x[1]), "outer": lambda x, a: x[0].outer(x[1]),
    "stack": lambda x, a: torch.stack(list(x), a["dim"]),
    "cat": lambda x, a: torch.cat(list(x), a["dim"]),
    "split": lambda x, a: cat_flat(x[0].split(a["size"], a["dim"])),
    "split_sizes": lambda x, a: cat_flat(x[0].split(a["sizes"], a["dim"])),
    "chunk": lambda x, a: cat_flat(x[0].chunk(a["chunks"], a["dim"])),
    "index_select": lambda x, a: x[0].index_select(a["dim"], x[1]),
    "gather": lambda x, a: x[0].gather(a["dim"], x[1]),
    "scatter_add": lambda x, a: x[0].scatter_add(a["dim"], x[1], x[2]),
    "masked_fill": lambda x, a: x[0].masked_fill(x[1], a["value"]),
    "clone": lambda x, a: x[0].clone(),
    "copy_": lambda x, a: (x[0] * 1).copy_(x[1]),
    "fill_": lambda x, a: (x[0] * 1).fill_(a["value"]),
    "zero_": lambda x, a: (x[0] * 1).zero_(),
    "add_": lambda x, a: (x[0] * 1).add_(x[1]), "sub_": lambda x, a: (x[0] * 1).sub_(x[1]),
    "mul_": lambda x, a: (x[0] * 1).mul_(x[1]), "div_": lambda x, a: (x[0] * 1).div_(x[1]),
    "view": lambda x, a: x[0].view(a["shape"]), "reshape": lambda x, a: x[0].reshape(a["shape"]),
    "t": lambda x, a: x[0].t(), "transpose": lambda x, a: x[0].transpose(a["d0"], a["d1"]),
    "permute": lambda x, a: x[0].permute(a["order"]),
    "unsqueeze": lambda x, a: x[0].unsqueeze(a["dim"]),
    "squeeze": lambda x, a: x[0].squeeze() if a.get("dim") is None else x[0].squeeze(a["dim"]),
    "expand": lambda x, a: x[0].expand(a["shape"]),
    "flatten": lambda x, a: x[0].flatten(a["start"], a["end"]),
    "slice": lambda x, a: x[0].narrow(a["dim"], 0, x[0].shape[a["dim"]])[
        (slice(None),) * a["dim"] + (slice(a["start"], a["end"], a["step"]),)],
    "narrow": lambda x, a: x[0].narrow(a["dim"], a["start"], a["length"]),
    "select": lambda x, a: x[0].select(a["dim"], a["index"]),
}
UNARY = ["neg", "exp", "log", "log1p", "sqrt", "rsqrt", "abs", "sign", "sin", "cos", "tanh",
         "sigmoid", "relu"]
for u in UNARY:
    OPS[u] = (lambda name: lambda x, a: getattr(torch, name)(x[0]))(u)
COMPARE = ["eq", "ne", "lt", "le", "gt", "ge"]
for c in COMPARE:
    OPS[c] = (lambda name: lambda x, a: getattr(torch, name)(x[0], x[1]))(c)
    OPS[c + "_scalar"] = (lambda name: lambda x, a: getattr(torch, name)(x[0], a["s"]))(c)

CASES = []


def case(name, op, inputs, **args):
    CASES.append((name, op, inputs, args))


# ---- elementwise binary, with broadcasting and non-contiguous operands ----
for op in ["add", "sub", "mul", "div", "minimum", "maximum"]:
    second = "pos" if op == "div" else "normal"
    case(op + "_same", op, [inp([2, 3]), inp([2, 3], kind=second)])
    case(op + "_broadcast", op, [inp([3, 1]), inp([4], kind=second)])
    case(op + "_broadcast3d", op, [inp([2, 3, 4]), inp([3, 1], kind=second)])
    case(op + "_scalar0d", op, [inp([2, 3]), inp([], kind=second)])
    case(op + "_transposed", op, [inp([4, 3], view="t"), inp([3, 4], kind=second)])
    case(op + "_sliced", op, [inp([3, 8], view="step"), inp([4, 3], kind=second, view="t")])
    case(op + "_empty", op, [inp([0, 3]), inp([3], kind=second)])
for op in ["minimum", "maximum"]:
    case(op + "_ties", op, [inp([6], kind="small"), inp([6], kind="small")])
case("add_int_int", "add", [inp([2, 3], "int64", "int"), inp([3], "int64", "int")])
case("mul_int_float", "mul", [inp([2, 3], "int64", "int"), inp([2, 3])])
case("add_f32_f64", "add", [inp([2, 3]), inp([2, 3], "float64")])
case("add_scalar", "add_scalar", [inp([2, 3])], s=2.5)
case("mul_scalar", "mul_scalar", [inp([2, 3], view="step")], s=-3.0)
case("mul_scalar_int", "mul_scalar", [inp([4], "int64", "int")], s=2.5)
case("rsub_scalar", "rsub_scalar", [inp([2, 3])], s=2.0)
case("rdiv_scalar", "rdiv_scalar", [inp([2, 3], kind="pos")], s=3.0)
for e in [2.0, 3.0, 0.5, -1.5]:
    case("pow_scalar_%s" % e, "pow_scalar", [inp([2, 3], kind="pos")], s=e)
case("pow_scalar_2_neg", "pow_scalar", [inp([2, 3])], s=2.0)
case("pow_tensor", "pow", [inp([2, 3], kind="pos"), inp([2, 3])])
case("pow_tensor_broadcast", "pow", [inp([3, 1], kind="pos"), inp([4])])
case("where", "where", [inp([2, 3], "bool", "bool"), inp([2, 3]), inp([2, 3])])
case("where_broadcast", "where", [inp([3, 1], "bool", "bool"), inp([4]), inp([4, 3], view="t")])
case("where_empty", "where", [inp([0], "bool", "bool"), inp([0]), inp([0])])
case("clamp", "clamp", [inp([3, 4])], min=-0.5, max=0.5)
case("clamp_sliced", "clamp", [inp([3, 8], view="step")], min=-1.0, max=0.2)
case("clamp_empty", "clamp", [inp([0, 3])], min=-1.0, max=1.0)

# ---- unary ----
for u in UNARY:
    kind = "pos" if u in ("log", "sqrt", "rsqrt", "log1p") else "normal"
    case(u, u, [inp([2, 3], kind=kind)])
    case(u + "_transposed", u, [inp([4, 3], kind=kind, view="t")])
    case(u + "_f64", u, [inp([5], "float64", kind=kind)])
    case(u + "_empty", u, [inp([0, 3], kind=kind)])
for u in ["neg", "abs", "sign", "relu"]:
    case(u + "_int", u, [inp([5], "int64", "int")])
case("exp_int", "exp", [inp([5], "int64", "int")])

# ---- comparisons ----
for c in COMPARE:
    case(c, c, [inp([2, 3], kind="small"), inp([3], kind="small")])
    case(c + "_scalar", c + "_scalar", [inp([2, 3], kind="small")], s=0.0)
    case(c + "_int_float", c, [inp([4], "int64", "int"), inp([4], kind="small")])
    case(c + "_empty", c, [inp([0, 3]), inp([3])])

# ---- reductions ----
X = [("", inp([3, 4])), ("_t", inp([4, 3], view="t")), ("_3d", inp([2, 3, 4]))]
for suffix, x in X:
    for op in ["sum", "mean"]:
        case(op + "_all" + suffix, op, [x])
        case(op + "_d1" + suffix, op, [x], dims=[1], keepdim=False)
        case(op + "_d0k" + suffix, op, [x], dims=[0], keepdim=True)
        case(op + "_dlast2" + suffix, op, [x], dims=[-1, 0], keepdim=False)
    for op in ["var", "std"]:
        for corr in [0, 1]:
            case("%s_all_c%d%s" % (op, corr, suffix), op, [x], correction=corr, keepdim=False)
            case("%s_d1_c%d%s" % (op, corr, suffix), op, [x], dims=[1], correction=corr, keepdim=True)
    case("prod_all" + suffix, "prod", [x])
    case("prod_d1" + suffix, "prod", [x], dim=1, keepdim=False)
    case("prod_d0k" + suffix, "prod", [x], dim=0, keepdim=True)
    for op in ["amax", "amin"]:
        case(op + "_d1" + suffix, op, [x], dims=[1], keepdim=False)
        case(op + "_d01k" + suffix, op, [x], dims=[0, 1], keepdim=True)
    for op in ["max_all", "min_all"]:
        case(op + suffix, op, [x])
    for op in ["max_dim_values", "max_dim_indices", "min_dim_values", "min_dim_indices"]:
        case(op + "_d1" + suffix, op, [x], dim=1, keepdim=False)
        case(op + "_d0k" + suffix, op, [x], dim=0, keepdim=True)
    for op in ["argmax", "argmin"]:
        case(op + "_all" + suffix, op, [x], keepdim=False)
        case(op + "_d1" + suffix, op, [x], dim=1, keepdim=False)
        case(op + "_dm1k" + suffix, op, [x], dim=-1, keepdim=True)
    case("logsumexp_d1" + suffix, "logsumexp", [x], dims=[1], keepdim=False)
    case("logsumexp_d01k" + suffix, "logsumexp", [x], dims=[0, 1], keepdim=True)
    for op in ["softmax", "log_softmax"]:
        case(op + "_d1" + suffix, op, [x], dim=1)
        case(op + "_d0" + suffix, op, [x], dim=0)
case("amax_ties", "amax", [inp([3, 4], kind="small")], dims=[1], keepdim=False)
case("max_all_ties", "max_all", [inp([3, 4], kind="small")])
case("sum_int", "sum", [inp([2, 3], "int64", "int")], dims=[1], keepdim=False)
case("sum_empty_all", "sum", [inp([0, 3])])
case("sum_empty_d0", "sum", [inp([0, 3])], dims=[0], keepdim=False)
case("mean_empty_d1", "mean", [inp([0, 3])], dims=[1], keepdim=False)
case("prod_empty_d0", "prod", [inp([0, 3])], dim=0, keepdim=False)
case("amax_empty_d1", "amax", [inp([0, 3])], dims=[1], keepdim=False)
case("softmax_empty", "softmax", [inp([0, 3])], dim=1)
case("logsumexp_empty_d1", "logsumexp", [inp([0, 3])], dims=[1], keepdim=False)

# ---- linear algebra ----
case("matmul_1d_1d", "matmul", [inp([4]), inp([4])])
case("matmul_2d_1d", "matmul", [inp([3, 4]), inp([4])])
case("matmul_1d_2d", "matmul", [inp([3]), inp([3, 4])])
case("matmul_2d_2d", "matmul", [inp([2, 3]), inp([3, 4])])
case("matmul_2d_2d_t", "matmul", [inp([3, 2], view="t"), inp([4, 3], view="t")])
case("matmul_batched", "matmul", [inp([2, 3, 4]), inp([2, 4, 5])])
case("matmul_batch_broadcast", "matmul", [inp([2, 1, 3, 4]), inp([5, 4, 2])])
case("matmul_batched_1d", "matmul", [inp([2, 3, 4]), inp([4])])
case("matmul_1d_batched", "matmul", [inp([3]), inp([2, 3, 4])])
case("matmul_empty", "matmul", [inp([0, 3]), inp([3, 4])])
case("matmul_empty_inner", "matmul", [inp([2, 0]), inp([0, 4])])
case("mm", "mm", [inp([2, 3]), inp([3, 4])])
case("mm_sliced", "mm", [inp([2, 6], view="step"), inp([3, 4])])
case("bmm", "bmm", [inp([2, 3, 4]), inp([2, 5, 4], view="t")])
case("mv", "mv", [inp([3, 4]), inp([4])])
case("dot", "dot", [inp([5]), inp([10], view="step")])
case("outer", "outer", [inp([3]), inp([4])])
case("mm_f64", "mm", [inp([2, 3], "float64"), inp([3, 2], "float64")])
case("mm_int", "mm", [inp([2, 3], "int64", "int"), inp([3, 2], "int64", "int")])

# ---- joining and splitting ----
case("stack_d0", "stack", [inp([2, 3]), inp([2, 3]), inp([2, 3])], dim=0)
case("stack_dm1", "stack", [inp([2, 3]), inp([3, 2], view="t")], dim=-1)
case("cat_d0", "cat", [inp([2, 3]), inp([1, 3]), inp([3, 3])], dim=0)
case("cat_d1", "cat", [inp([2, 3]), inp([2, 8], view="step")], dim=1)
case("cat_empty", "cat", [inp([0, 3]), inp([2, 3])], dim=0)
case("split_d0", "split", [inp([5, 2])], size=2, dim=0)
case("split_d1", "split", [inp([2, 7])], size=3, dim=1)
case("split_sizes", "split_sizes", [inp([6, 2])], sizes=[1, 3, 2], dim=0)
case("chunk_d0", "chunk", [inp([5, 2])], chunks=3, dim=0)
case("chunk_d1", "chunk", [inp([2, 6])], chunks=4, dim=1)

# ---- indexing ----
case("index_select_d0", "index_select", [inp([4, 3]), inp([5], "int64", "index4", grad=False)], dim=0)
case("index_select_d1", "index_select", [inp([3, 4], view="t"), inp([2], "int64", "index3", grad=False)], dim=1)
case("index_select_empty", "index_select", [inp([4, 3]), inp([0], "int64", "index4", grad=False)], dim=0)
case("gather_d1", "gather", [inp([3, 4]), inp([3, 2], "int64", "index4", grad=False)], dim=1)
case("gather_d0", "gather", [inp([3, 4]), inp([2, 4], "int64", "index3", grad=False)], dim=0)
case("gather_t", "gather", [inp([4, 3], view="t"), inp([3, 5], "int64", "index4", grad=False)], dim=1)
case("scatter_add_d1", "scatter_add", [inp([3, 4]), inp([3, 5], "int64", "index4", grad=False), inp([3, 5])], dim=1)
case("scatter_add_d0", "scatter_add", [inp([3, 4]), inp([2, 4], "int64", "index3", grad=False), inp([2, 4])], dim=0)
case("masked_fill", "masked_fill", [inp([3, 4]), inp([3, 4], "bool", "bool")], value=-1.5)
case("masked_fill_broadcast", "masked_fill", [inp([3, 4], view="t"), inp([3], "bool", "bool")], value=2.0)
case("masked_fill_empty", "masked_fill", [inp([0, 3]), inp([3], "bool", "bool")], value=2.0)

# ---- copies and in-place ----
case("clone", "clone", [inp([3, 4], view="t")])
case("clone_empty", "clone", [inp([0, 3])])
case("copy_", "copy_", [inp([2, 3]), inp([3])])
case("copy_t", "copy_", [inp([2, 3]), inp([3, 2], view="t")])
case("copy_from_int", "copy_", [inp([2, 3]), inp([3], "int64", "int")])
case("fill_", "fill_", [inp([2, 3])], value=1.25)
case("zero_", "zero_", [inp([2, 3])])
for op in ["add_", "sub_", "mul_", "div_"]:
    case(op, op, [inp([2, 3]), inp([3], kind="pos")])
    case(op + "_t", op, [inp([3, 2], view="t"), inp([2, 3], kind="pos")])

# ---- views ----
case("view", "view", [inp([2, 6])], shape=[3, 4])
case("view_infer", "view", [inp([2, 3, 4])], shape=[-1, 4])
case("view_sliced_compatible", "view", [inp([4, 6], view="step")], shape=[2, 2, 3])
case("reshape_t", "reshape", [inp([4, 3], view="t")], shape=[12])
case("reshape", "reshape", [inp([2, 6])], shape=[4, -1])
case("t", "t", [inp([2, 3])])
case("t_1d", "t", [inp([3])])
case("transpose", "transpose", [inp([2, 3, 4])], d0=0, d1=2)
case("permute", "permute", [inp([2, 3, 4])], order=[2, 0, 1])
case("unsqueeze", "unsqueeze", [inp([2, 3])], dim=1)
case("unsqueeze_last", "unsqueeze", [inp([2, 3], view="t")], dim=-1)
case("squeeze_all", "squeeze", [inp([1, 3, 1])])
case("squeeze_dim", "squeeze", [inp([1, 3, 1])], dim=2)
case("squeeze_noop", "squeeze", [inp([2, 3])], dim=0)
case("expand", "expand", [inp([3, 1])], shape=[2, 3, 4])
case("expand_keep", "expand", [inp([3, 1])], shape=[-1, 5])
case("flatten", "flatten", [inp([2, 3, 4])], start=0, end=-1)
case("flatten_mid", "flatten", [inp([2, 3, 4], view="t")], start=1, end=2)
case("slice", "slice", [inp([4, 5])], dim=1, start=1, end=4, step=1)
case("slice_step", "slice", [inp([6, 5])], dim=0, start=0, end=6, step=2)
case("slice_neg", "slice", [inp([4, 5])], dim=1, start=-3, end=100, step=2)
case("narrow", "narrow", [inp([4, 5], view="t")], dim=0, start=1, length=3)
case("select", "select", [inp([3, 4])], dim=1, index=2)
case("select_neg", "select", [inp([3, 4])], dim=0, index=-1)
case("view_empty", "view", [inp([0, 3])], shape=[3, 0])
case("slice_empty", "slice", [inp([4, 5])], dim=0, start=2, end=2, step=1)

# ---- added later, kept last so the random inputs of earlier cases stay as they were ----
case("addmm_vector_bias", "addmm", [inp([4]), inp([3, 5]), inp([5, 4])])
case("addmm_full_bias", "addmm", [inp([3, 4]), inp([3, 5]), inp([4, 5], view="t")])
case("addmm_column_bias", "addmm", [inp([3, 1]), inp([3, 2]), inp([2, 1])])
case("addmm_f64", "addmm", [inp([1], "float64"), inp([2, 3], "float64"), inp([3, 2], "float64")])

def run_case(name, op, specs, args):
    bases, xs = [], []
    for s in specs:
        b, x = build(s)
        bases.append(b)
        xs.append(x)
    out = OPS[op](xs, args)
    rec = dict(name=name, op=op, args=args, inputs=[], out=dict(
        shape=list(out.shape), dtype=NAME[out.dtype], values=flat(out)))
    for s, b in zip(specs, bases):
        rec["inputs"].append(dict(shape=s["shape"], dtype=s["dtype"], view=s["view"],
                                  grad=bool(b.requires_grad), values=flat(b)))
    if out.requires_grad:
        w = torch.tensor(rng.standard_normal(out.numel()), dtype=out.dtype).reshape(out.shape)
        (out * w).sum().backward()
        rec["w"] = flat(w)
        rec["grads"] = [flat(b.grad) if b.requires_grad and b.grad is not None else None
                        for b in bases]
    return rec


def factories():
    out = []
    for (a, b, n) in [(-math.pi, math.pi, 2000), (100, 300, 200), (0, 1, 5), (-1, 1, 33),
                      (1, 2, 100), (0, 10, 1), (3, 3, 0), (-5.5, 7.25, 1001), (0, 1, 2)]:
        for dt in ["float32", "float64"]:
            out.append(dict(kind="linspace", start=a, end=b, steps=n, dtype=dt,
                            values=flat(torch.linspace(a, b, n, dtype=DT[dt]))))
    for (a, b, s) in [(0, 5, 1), (2, 11, 3), (5, -3, -2)]:
        out.append(dict(kind="arange_long", start=a, end=b, step=s, dtype="int64",
                        values=flat(torch.arange(a, b, s))))
    for (a, b, s) in [(0.0, 1.0, 0.25), (-1.0, 1.0, 0.3), (0.0, 2.0, 0.1)]:
        out.append(dict(kind="arange_double", start=a, end=b, step=s, dtype="float32",
                        values=flat(torch.arange(a, b, s))))
    for (n, m) in [(3, 3), (2, 4), (4, 2), (0, 0)]:
        out.append(dict(kind="eye", n=n, m=m, dtype="float32", values=flat(torch.eye(n, m))))
    return out


def reprs():
    """(java expression, PyTorch repr) pairs; the Java test builds the same tensor by name."""
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(7)
    items = {
        "ints": torch.tensor([1, -2, 300]),
        "bools": torch.tensor([True, False, True]),
        "floats": torch.tensor([1.25, -2.5, 3.0]),
        "integer_floats": torch.tensor([1.0, 2.0]),
        "negative_integer_floats": torch.tensor([-1.0, 20.0, 3.0]),
        "sci_large": torch.tensor([1e-5, 1.0, 1e5]),
        "sci_small": torch.tensor([1e-5, 2e-5]),
        "sci_big_ints": torch.tensor([1e9, 2.0]),
        "ratio_1000": torch.tensor([0.001, 1.0]),
        "ratio_1001": torch.tensor([0.001, 1.001]),
        "matrix": torch.tensor([[1.5, -2.25, 3.0], [4.0, 5.125, -6.0]]),
        "cube": torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) / 7,
        "int_matrix": torch.tensor([[1, 22], [-333, 4]]),
        "long_row": torch.linspace(0, 1, 30),
        "summarized": torch.linspace(-1, 1, 2000),
        "summarized_2d": torch.arange(2000, dtype=torch.float32).reshape(40, 50),
        "summarized_int": torch.arange(1500),
        "float64": torch.tensor([1.5, 2.25], dtype=torch.float64),
        "float64_ints": torch.tensor([1.0, 2.0], dtype=torch.float64),
        "int32": torch.tensor([1, 2], dtype=torch.int32),
        "requires_grad": torch.tensor([1.5, 2.0], requires_grad=True),
        "grad_fn": torch.tensor([1.5, 2.0], requires_grad=True) * 2,
        "empty": torch.tensor([]),
        "empty_2d": torch.zeros(0, 3),
        "empty_int": torch.zeros(0, dtype=torch.int64),
        "zero_dim": torch.tensor(3.5),
        "zero_dim_int": torch.tensor(7),
        "zero_dim_grad": torch.tensor(2.0, requires_grad=True).mul(3),
        "nan_inf": torch.tensor([float("nan"), float("inf"), -float("inf"), 1.5]),
        "nan_only_ints": torch.tensor([float("nan"), 1.0, 2.0]),
        "zeros": torch.zeros(3),
        "negative_zero": torch.tensor([-0.0, 1.0]),
        "half_even": torch.tensor([0.00005, 0.00015, 1.23445]),
        "randn_3x4": torch.randn(3, 4, generator=g),
        "big_values": torch.tensor([123456.789, 1.5]),
        "mixed_sign_sci": torch.tensor([-1e-6, 1e3]),
    }
    def text(vals):  # JSON has no nan/inf: spell them as strings
        return [v if not isinstance(v, float) or math.isfinite(v) else str(v) for v in vals]
    return {k: dict(values=text(flat(v)), shape=list(v.shape), dtype=NAME.get(v.dtype, "int32"),
                    repr=repr(v)) for k, v in items.items()}


def write(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, allow_nan=False, separators=(",", ":"))
    os.replace(tmp, path)


if __name__ == "__main__":
    torch.manual_seed(0)
    write("core-ops-golden.json", [run_case(*c) for c in CASES])
    write("factories-golden.json", factories())
    write("repr-golden.json", reprs())
    print(len(CASES), "op cases")
