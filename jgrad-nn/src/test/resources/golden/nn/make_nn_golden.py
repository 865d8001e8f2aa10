"""Writes nn_golden.txt: PyTorch reference values for jgrad-nn's tests.

Run: /work/main/.venv/bin/python make_nn_golden.py  (from this directory).
Format, one tensor per line: key|dtype|shape (comma separated, empty for 0-d)|values (space
separated; repr of each value as a Python float, so float32 values round-trip exactly).
"""
import os
import torch
import torch.nn as nn
import torch.nn.functional as F

lines = []


def put(key, t):
    t = t.detach()
    dtype = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64"}[t.dtype]
    shape = ",".join(str(s) for s in t.shape)
    vals = t.reshape(-1).tolist()
    lines.append(f"{key}|{dtype}|{shape}|" + " ".join(repr(v) for v in vals))


# ---- Linear init, bit exact ----------------------------------------------------------------
torch.manual_seed(42)
lin = nn.Linear(3, 1)
put("init.linear_3_1_seed42.weight", lin.weight)
put("init.linear_3_1_seed42.bias", lin.bias)
torch.manual_seed(0)
lin = nn.Linear(784, 10)
put("init.linear_784_10_seed0.weight_head", lin.weight.reshape(-1)[:64])
put("init.linear_784_10_seed0.weight_tail", lin.weight.reshape(-1)[-64:])
put("init.linear_784_10_seed0.bias", lin.bias)
torch.manual_seed(7)
seq = nn.Sequential(nn.Linear(4, 3), nn.Linear(3, 2, bias=False))
for k, v in seq.state_dict().items():
    put("init.seq_seed7." + k, v)
torch.manual_seed(5)
emb = nn.Embedding(6, 3, padding_idx=2)
put("init.embedding_6_3_pad2_seed5.weight", emb.weight)
torch.manual_seed(11)
w = torch.empty(5, 4)
nn.init.xavier_uniform_(w, gain=1.5)
put("init.xavier_uniform_5_4_gain1.5_seed11", w)
torch.manual_seed(11)
nn.init.kaiming_normal_(w, a=0, mode="fan_out", nonlinearity="relu")
put("init.kaiming_normal_5_4_fanout_relu_seed11", w)
torch.manual_seed(11)
nn.init.xavier_normal_(w)
put("init.xavier_normal_5_4_seed11", w)

# ---- activations and shape layers ----------------------------------------------------------
torch.manual_seed(1)
x = torch.randn(3, 4)
x[0, 0] = 0.0
g = torch.randn(3, 4)
put("act.x", x)
put("act.g", g)
acts = {
    "relu": nn.ReLU(), "leaky_relu_0.2": nn.LeakyReLU(0.2), "gelu": nn.GELU(),
    "gelu_tanh": nn.GELU(approximate="tanh"), "silu": nn.SiLU(), "tanh": nn.Tanh(),
    "sigmoid": nn.Sigmoid(), "softmax_1": nn.Softmax(dim=1), "log_softmax_0": nn.LogSoftmax(dim=0),
}
for name, m in acts.items():
    xi = x.clone().requires_grad_()
    out = m(xi)
    (out * g).sum().backward()
    put(f"act.{name}.out", out)
    put(f"act.{name}.grad", xi.grad)

# ---- Linear forward with fixed weights -----------------------------------------------------
torch.manual_seed(2)
lin = nn.Linear(4, 2)
put("linear.weight", lin.weight)
put("linear.bias", lin.bias)
xi = x.clone().requires_grad_()
out = lin(xi)
out.sum().backward()
put("linear.out", out)
put("linear.grad_x", xi.grad)
put("linear.grad_weight", lin.weight.grad)
put("linear.grad_bias", lin.bias.grad)

# ---- LayerNorm -----------------------------------------------------------------------------
ln = nn.LayerNorm(4)
with torch.no_grad():
    ln.weight.copy_(torch.tensor([1.0, 2.0, 0.5, -1.0]))
    ln.bias.copy_(torch.tensor([0.1, 0.0, -0.2, 0.3]))
xi = x.clone().requires_grad_()
out = ln(xi)
(out * g).sum().backward()
put("layernorm.out", out)
put("layernorm.grad_x", xi.grad)
put("layernorm.grad_weight", ln.weight.grad)

# ---- BatchNorm1d ---------------------------------------------------------------------------
bn = nn.BatchNorm1d(4)
with torch.no_grad():
    bn.weight.copy_(torch.tensor([1.0, 2.0, 0.5, -1.0]))
    bn.bias.copy_(torch.tensor([0.1, 0.0, -0.2, 0.3]))
xi = x.clone().requires_grad_()
out = bn(xi)
(out * g).sum().backward()
put("batchnorm.train_out", out)
put("batchnorm.grad_x", xi.grad)
put("batchnorm.running_mean", bn.running_mean)
put("batchnorm.running_var", bn.running_var)
put("batchnorm.num_batches_tracked", bn.num_batches_tracked)
bn.eval()
put("batchnorm.eval_out", bn(x))
torch.manual_seed(4)
x3 = torch.randn(2, 4, 3)
bn3 = nn.BatchNorm1d(4)
put("batchnorm3d.x", x3)
put("batchnorm3d.train_out", bn3(x3))
put("batchnorm3d.running_var", bn3.running_var)

# ---- Dropout -------------------------------------------------------------------------------
torch.manual_seed(3)
put("dropout.p0.4_seed3", F.dropout(torch.ones(4, 5), 0.4, training=True))

# ---- Embedding -----------------------------------------------------------------------------
torch.manual_seed(5)
emb = nn.Embedding(6, 3, padding_idx=2)
idx = torch.tensor([[1, 2], [2, 5]])
out = emb(idx)
(out * torch.arange(12.0).reshape(2, 2, 3)).sum().backward()
put("embedding.idx", idx)
put("embedding.out", out)
put("embedding.grad_weight", emb.weight.grad)

# ---- losses --------------------------------------------------------------------------------
torch.manual_seed(6)
inp = torch.randn(3, 4)
tgt = torch.randn(3, 4)
put("loss.reg.input", inp)
put("loss.reg.target", tgt)
reg = {
    "mse": lambda r: nn.MSELoss(reduction=r), "l1": lambda r: nn.L1Loss(reduction=r),
    "smooth_l1_0.5": lambda r: nn.SmoothL1Loss(reduction=r, beta=0.5),
    "huber_0.7": lambda r: nn.HuberLoss(reduction=r, delta=0.7),
}


def loss_case(prefix, fn, inputs, target):
    for r in ["none", "mean", "sum"]:
        xi = inputs.clone().requires_grad_()
        out = fn(r)(xi, target)
        out.sum().backward()
        put(f"{prefix}.{r}.out", out)
        put(f"{prefix}.{r}.grad", xi.grad)


for name, fn in reg.items():
    loss_case("loss.reg." + name, fn, inp, tgt)

logits = torch.randn(5, 4)
cls = torch.tensor([0, 3, 1, 1, 2])
cw = torch.tensor([0.5, 1.0, 2.0, 1.5])
put("loss.cls.logits", logits)
put("loss.cls.target", cls)
put("loss.cls.weight", cw)
loss_case("loss.cls.ce", lambda r: nn.CrossEntropyLoss(reduction=r), logits, cls)
loss_case("loss.cls.ce_weight_ignore1", lambda r: nn.CrossEntropyLoss(weight=cw, ignore_index=1, reduction=r), logits, cls)
loss_case("loss.cls.ce_weight_smooth0.1", lambda r: nn.CrossEntropyLoss(weight=cw, label_smoothing=0.1, reduction=r), logits, cls)
loss_case("loss.cls.ce_ignore3_smooth0.2", lambda r: nn.CrossEntropyLoss(ignore_index=3, label_smoothing=0.2, reduction=r), logits, cls)
probs = torch.softmax(torch.randn(5, 4), 1)
put("loss.cls.probs", probs)
loss_case("loss.cls.ce_probs_weight_smooth0.1", lambda r: nn.CrossEntropyLoss(weight=cw, label_smoothing=0.1, reduction=r), logits, probs)
logp = torch.log_softmax(logits, 1)
put("loss.cls.logp", logp)
loss_case("loss.cls.nll_weight", lambda r: nn.NLLLoss(weight=cw, reduction=r), logp, cls)
logits3 = torch.randn(2, 4, 3)
cls3 = torch.tensor([[0, 3, 1], [2, 2, 0]])
put("loss.cls3.logits", logits3)
put("loss.cls3.target", cls3)
loss_case("loss.cls3.ce_weight", lambda r: nn.CrossEntropyLoss(weight=cw, reduction=r), logits3, cls3)

p = torch.sigmoid(torch.randn(3, 4))
p[0, 0] = 0.0
p[0, 1] = 1.0
y = torch.rand(3, 4)
bw = torch.rand(3, 4)
put("loss.bin.p", p)
put("loss.bin.y", y)
put("loss.bin.weight", bw)
for r in ["none", "mean", "sum"]:
    put(f"loss.bin.bce_weight.{r}.out", nn.BCELoss(weight=bw, reduction=r)(p, y))
pi = p[1:].clone().requires_grad_()
nn.BCELoss(weight=bw[1:])(pi, y[1:]).backward()
put("loss.bin.bce_weight.rows12.grad", pi.grad)
z = torch.randn(3, 4) * 3
z[0, 0] = 60.0
z[0, 1] = -60.0
z[1, 0] = 0.0
pw = torch.tensor([1.0, 2.0, 0.5, 3.0])
put("loss.bin.z", z)
put("loss.bin.pos_weight", pw)
loss_case("loss.bin.bcel", lambda r: nn.BCEWithLogitsLoss(reduction=r), z, y)
loss_case("loss.bin.bcel_weight_pos", lambda r: nn.BCEWithLogitsLoss(weight=bw, pos_weight=pw, reduction=r), z, y)

out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nn_golden.txt")
tmp = out_path + ".tmp"
with open(tmp, "w") as f:
    f.write(f"# torch {torch.__version__}; generated by make_nn_golden.py\n")
    f.write("\n".join(lines) + "\n")
os.replace(tmp, out_path)
print(len(lines), "entries")
