"""Reads the files WriteInterop.java wrote with the reference safetensors + torch; see interop-results.txt."""
import torch
from safetensors import safe_open
from safetensors.torch import load_file, save

d = load_file("jgrad_all.safetensors")
with safe_open("jgrad_all.safetensors", "pt") as f:
    meta = f.metadata()
print("metadata:", meta)
exp = {
    "f32": torch.tensor([[1.5, -0.0, float("nan")], [float("-inf"), 3e38, 1e-45]]),
    "f64": torch.tensor([0.1, -1e300, 5e-324], dtype=torch.float64),
    "i64": torch.tensor([-2**63, 2**63 - 1, 0]),
    "i32": torch.tensor([[-2**31, 2**31 - 1], [-1, 7]], dtype=torch.int32),
    "u8": torch.tensor([0, 1, 128, 255], dtype=torch.uint8),
    "bool": torch.tensor([True, False, True]),
    "scalar": torch.tensor(2.5),
    "empty": torch.zeros(0, 4),
    "transposed": torch.arange(6, dtype=torch.float32).view(2, 3).t().contiguous(),
    'caf\u00e9 "q"\n': torch.tensor([9.0]),
}
ok = set(d) == set(exp)
for k, v in exp.items():
    same = d[k].dtype == v.dtype and d[k].shape == v.shape and torch.equal(
        d[k].reshape(-1).view(torch.uint8), v.reshape(-1).view(torch.uint8))
    print(f"{k!r}: {d[k].dtype} {tuple(d[k].shape)} bit-identical={same}")
    ok &= same
print("all tensors bit-identical:", ok)

m = load_file("jgrad_model.safetensors")
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
print("load_state_dict:", model.load_state_dict(m))
io = load_file("jgrad_io.safetensors")
with torch.no_grad():
    y = model(io["x"])
print("forward max |torch - jgrad|:", (y - io["y"]).abs().max().item())
torch_bytes = save(m, metadata={"format": "pt"})
print("jgrad_model.safetensors byte-identical to torch save of the same dict:",
      torch_bytes == open("jgrad_model.safetensors", "rb").read())
