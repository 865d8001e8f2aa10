"""Writes the PyTorch side of the checkpoint interop tests (run with torch 2.13, safetensors 0.8).

torch-sequential.safetensors: the state dict of
    torch.manual_seed(0); nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
torch-sequential-forward.txt: an input drawn right after (torch.randn(8, 4)) and the model's
output on it, one line each: NAME ROWS COLS then the float32 values (repr of each, row-major).

Usage: /work/main/.venv/bin/python make_torch_state_dict.py   (writes next to this script)
"""
import pathlib

import torch
from safetensors.torch import save_file
from torch import nn

here = pathlib.Path(__file__).resolve().parent
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
x = torch.randn(8, 4)
with torch.no_grad():
    y = model(x)
save_file(model.state_dict(), str(here / "torch-sequential.safetensors"))


def line(name, t):
    return " ".join([name, *map(str, t.shape), *(repr(v) for v in t.flatten().tolist())])


(here / "torch-sequential-forward.txt").write_text(
    "# written by make_torch_state_dict.py with torch " + torch.__version__ + "\n"
    + line("input", x) + "\n" + line("output", y) + "\n")
