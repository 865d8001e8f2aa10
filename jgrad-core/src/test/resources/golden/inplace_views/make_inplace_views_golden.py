"""Writes inplace-views-golden.json: autograd through in-place ops on views, from PyTorch (CPU).

Run: /work/main/.venv/bin/python make_inplace_views_golden.py  (from this directory).
Inputs are fixed float64 formulas (stored in the file too): x [4, 3], w [4], c [4, 3]. Each case
stores the forward value of the tensor it returns, the gradients of its scalar loss with respect
to the inputs that require grad, and the grad_fn names PyTorch reports after the in-place ops.
InPlaceViewTest.java mirrors each case function line for line.
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)


def inputs():
    x = (torch.arange(12, dtype=torch.float64) * 0.37 - 1.1).reshape(4, 3)
    w = torch.arange(4, dtype=torch.float64) * 0.5 - 0.6
    c = (torch.arange(12, dtype=torch.float64) * -0.21 + 0.9).reshape(4, 3)
    return x, w, c


def name(t):
    return type(t.grad_fn).__name__ if t.grad_fn is not None else None


def brief_example(x, w, c):
    y = x * 2
    y[1].mul_(3)
    y[:, 0].add_(x[:, 1])
    return y, y.sum(), {"y": name(y)}


def select_mul(x, w, c):
    y = x.mul(x)
    y.select(1, 2).mul_(y.select(1, 0).clone())
    return y, (y * c).sum(), {"y": name(y)}


def slice_step_pow(x, w, c):
    y = x * 1
    s = y[0:4:2]
    s.pow_(2)
    return y, (y * c).sum(), {"y": name(y), "s": name(s)}


def narrow_div(x, w, c):
    y = x.sin()
    y.narrow(1, 1, 2).div_(x.narrow(1, 0, 2).add(2))
    return y, (y * c).sum(), {"y": name(y)}


def transpose_row(x, w, c):
    y = x * 1.5
    yt = y.t()
    yt.select(0, 1).mul_(x.select(1, 0))
    return y, (y.pow(2) * c).sum(), {"y": name(y), "yt": name(yt)}


def chained(x, w, c):
    y = x * 1
    y[0].mul_(y[3].clone())
    v = y[1:3]
    v.mul_(2)
    v.add_(1)
    v.exp_()
    return y, (y * c).sum(), {"y": name(y), "v": name(v)}


def copy_into_zeros(x, w, c):
    base = torch.zeros(3, 4)
    before = base.requires_grad
    base.select(0, 0).copy_(w)
    base.select(0, 2).copy_(w * 2)
    return base, (base * c.t()).sum() + base.pow(2).sum(), {
        "base": name(base), "before": str(before), "after": str(base.requires_grad)}


def fill_view(x, w, c):
    y = x * x
    y[:, 1].fill_(0.5)
    return y, (y * c).sum(), {"y": name(y)}


def view_of_view(x, w, c):
    y = x + 1
    a = y[:, 1:]
    v = a[2]
    v.mul_(x[0, 1:])
    return y, (a * a).sum() + y.sum(), {"y": name(y), "a": name(a), "v": name(v)}


def stale_sibling(x, w, c):
    y = x * 2
    v1 = y[0]
    y[1].mul_(3)
    return y, (v1 * v1).sum() + (y * c).sum(), {"y": name(y), "v1": name(v1)}


def base_in_place_then_view(x, w, c):
    y = x * 1
    v = y[0]
    y.mul_(2)
    return y, (v * w[:3]).sum() + y.sum(), {"y": name(y), "v": name(v)}


def flat_view_narrow(x, w, c):
    y = x * 1
    y.view(12).narrow(0, 3, 4).mul_(x.reshape(12)[0:4])
    return y, (y * c).sum(), {"y": name(y)}


def view_copy_from_view(x, w, c):
    y = x.sin()
    y[3].copy_(y[0].mul(2).add(w[:3]))
    return y, (y * c).sum(), {"y": name(y)}


CASES = [brief_example, select_mul, slice_step_pow, narrow_div, transpose_row, chained,
         copy_into_zeros, fill_view, view_of_view, stale_sibling, base_in_place_then_view,
         flat_view_narrow, view_copy_from_view]


def main():
    x0, w0, c0 = inputs()
    out = {"torch": torch.__version__, "x": x0.flatten().tolist(), "w": w0.tolist(),
           "c": c0.flatten().tolist(), "cases": {}}
    for case in CASES:
        x = x0.clone().requires_grad_(True)
        w = w0.clone().requires_grad_(True)
        value, loss, names = case(x, w, c0)
        loss.backward()
        out["cases"][case.__name__] = {
            "shape": list(value.shape),
            "value": value.detach().flatten().tolist(),
            "loss": loss.item(),
            "gradX": None if x.grad is None else x.grad.flatten().tolist(),
            "gradW": None if w.grad is None else w.grad.flatten().tolist(),
            "names": names,
        }
    path = "inplace-views-golden.json"
    with open(path + ".tmp", "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
