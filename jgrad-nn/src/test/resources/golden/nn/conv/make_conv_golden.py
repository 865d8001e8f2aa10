"""Writes conv_golden.txt: PyTorch reference values for ConvTest (conv2d, pooling, Conv2d init).

Run: /work/main/.venv/bin/python make_conv_golden.py  (from this directory).
Format as nn_golden.txt, one tensor per line: key|dtype|shape|values; error messages are lines
err.<name>|str||<message>.
"""
import os
import torch
import torch.nn as nn
import torch.nn.functional as F

lines = []


def put(key, t):
    t = t.detach()
    dtype = {torch.float32: "float32", torch.float64: "float64"}[t.dtype]
    shape = ",".join(str(s) for s in t.shape)
    lines.append(f"{key}|{dtype}|{shape}|" + " ".join(repr(v) for v in t.reshape(-1).tolist()))


def put_err(key, fn):
    try:
        fn()
    except RuntimeError as e:
        lines.append(f"err.{key}|str||" + str(e).split("\n")[0])
        return
    raise AssertionError(key + " did not raise")


# ---- conv2d forward and gradients for several configurations --------------------------------
# name: (N, C, H, W, O, kH, kW, stride, padding, dilation, groups, bias)
configs = {
    "basic": (2, 3, 6, 5, 4, 3, 3, 1, 0, 1, 1, True),
    "stride2": (2, 3, 7, 7, 4, 3, 3, 2, 0, 1, 1, True),
    "pad1": (1, 2, 5, 6, 3, 3, 3, 1, 1, 1, 1, True),
    "dil2": (1, 2, 7, 8, 3, 3, 3, 1, 0, 2, 1, True),
    "groups2": (2, 4, 5, 5, 6, 3, 2, 1, 1, 1, 2, True),
    "nobias": (2, 3, 5, 5, 2, 2, 2, 2, 1, 1, 1, False),
    "mixed": (1, 4, 9, 8, 4, 3, 3, 2, 2, 2, 4, True),
}
for name, (n, c, h, w, o, kh, kw, s, p, d, g, has_bias) in configs.items():
    torch.manual_seed(len(lines) + 1)
    x = torch.randn(n, c, h, w, requires_grad=True)
    wt = torch.randn(o, c // g, kh, kw, requires_grad=True)
    b = torch.randn(o, requires_grad=True) if has_bias else None
    y = F.conv2d(x, wt, b, stride=s, padding=p, dilation=d, groups=g)
    gy = torch.randn_like(y)
    y.backward(gy)
    put(f"conv.{name}.x", x)
    put(f"conv.{name}.w", wt)
    if has_bias:
        put(f"conv.{name}.b", b)
        put(f"conv.{name}.gb", b.grad)
    put(f"conv.{name}.y", y)
    put(f"conv.{name}.gy", gy)
    put(f"conv.{name}.gx", x.grad)
    put(f"conv.{name}.gw", wt.grad)

# ---- pooling --------------------------------------------------------------------------------
# name: (N, C, H, W, kernel, stride, padding)
pools = {"k2": (2, 2, 6, 6, 2, 2, 0), "k3s2p1": (1, 3, 7, 6, 3, 2, 1), "k3s1": (1, 1, 5, 5, 3, 1, 0)}
for name, (n, c, h, w, k, s, p) in pools.items():
    torch.manual_seed(len(lines) + 1)
    x = torch.randn(n, c, h, w)
    put(f"pool.{name}.x", x)
    for kind, fn in (("max", F.max_pool2d), ("avg", F.avg_pool2d)):
        xi = x.clone().requires_grad_(True)
        y = fn(xi, k, s, p)
        gy = torch.randn_like(y)
        y.backward(gy)
        put(f"pool.{name}.{kind}.y", y)
        put(f"pool.{name}.{kind}.gy", gy)
        put(f"pool.{name}.{kind}.gx", xi.grad)

# ---- Conv2d init, bit exact -----------------------------------------------------------------
torch.manual_seed(0)
conv = nn.Conv2d(1, 8, 3)
put("init.conv_1_8_3_seed0.weight", conv.weight)
put("init.conv_1_8_3_seed0.bias", conv.bias)
torch.manual_seed(3)
conv = nn.Conv2d(4, 6, (3, 2), stride=2, padding=1, groups=2)
put("init.conv_4_6_3x2_g2_seed3.weight", conv.weight)
put("init.conv_4_6_3x2_g2_seed3.bias", conv.bias)
lines.append("repr.conv_1_8_3|str||" + repr(nn.Conv2d(1, 8, 3)))
lines.append("repr.conv_full|str||" + repr(nn.Conv2d(4, 6, 3, 2, 1, 2, 2, bias=False)))
lines.append("repr.maxpool|str||" + repr(nn.MaxPool2d(2)))
lines.append("repr.avgpool|str||" + repr(nn.AvgPool2d(3, 2, 1)))

# ---- error messages -------------------------------------------------------------------------
put_err("channels", lambda: F.conv2d(torch.zeros(1, 4, 5, 5), torch.zeros(8, 3, 3, 3)))
put_err("groups_channels", lambda: F.conv2d(torch.zeros(1, 3, 5, 5), torch.zeros(4, 2, 3, 3), groups=2))
put_err("groups_div", lambda: F.conv2d(torch.zeros(1, 4, 5, 5), torch.zeros(3, 2, 3, 3), groups=2))
put_err("bias", lambda: F.conv2d(torch.zeros(1, 3, 5, 5), torch.zeros(8, 3, 3, 3), torch.zeros(5)))
put_err("kernel_big", lambda: F.conv2d(torch.zeros(1, 3, 2, 2), torch.zeros(8, 3, 3, 3)))
put_err("input_dim", lambda: F.conv2d(torch.zeros(5, 5), torch.zeros(8, 3, 3, 3)))
put_err("stride", lambda: F.conv2d(torch.zeros(1, 3, 5, 5), torch.zeros(8, 3, 3, 3), stride=0))
put_err("padding", lambda: F.conv2d(torch.zeros(1, 3, 5, 5), torch.zeros(8, 3, 3, 3), padding=-1))
put_err("dilation", lambda: F.conv2d(torch.zeros(1, 3, 5, 5), torch.zeros(8, 3, 3, 3), dilation=0))
put_err("groups0", lambda: F.conv2d(torch.zeros(1, 3, 5, 5), torch.zeros(8, 3, 3, 3), groups=0))
put_err("maxpool_pad", lambda: F.max_pool2d(torch.zeros(1, 1, 5, 5), 3, 1, 2))
put_err("avgpool_pad", lambda: F.avg_pool2d(torch.zeros(1, 1, 5, 5), 3, 1, 2))
put_err("pool_small", lambda: F.max_pool2d(torch.zeros(1, 2, 2, 2), 3))

header = f"# written by make_conv_golden.py with torch {torch.__version__}\n"
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv_golden.txt")
with open(path + ".tmp", "w") as f:
    f.write(header + "\n".join(lines) + "\n")
os.replace(path + ".tmp", path)
