"""Loads jgrad checkpoints into PyTorch and resumes training for one step.

A jgrad checkpoint (io.jgrad.nn.checkpoint.Checkpoint) is one safetensors file:
  model.<name>                    the model's state dict entries
  optimizer.state.<index>.<name>  optimizer.state_dict()["state"][index][name]
  __metadata__["jgrad.checkpoint"] JSON: version, epoch, extra, and
                                   optimizer: {type, param_groups, state (non-tensor entries)}

This script reads sgd.safetensors and adam.safetensors (written by jgrad's
TrainingRun.main: Linear(4, 3) -> ReLU -> Linear(3, 2), MSE on resume-data.safetensors,
3 steps of SGD(lr 0.1, momentum 0.9) / Adam(lr 0.01), saved at epoch 3), rebuilds the model and
optimizer state dicts, loads them strictly, takes one more step, and writes pytorch-resume.txt:
per optimizer the loss at the checkpoint, the loss after the step, and the parameters after it.
CheckpointInteropTest repeats the step in jgrad and compares.

Usage: /work/main/.venv/bin/python load_in_pytorch.py [DIR]   (DIR: this script's folder)
"""
import json
import pathlib
import sys

import torch
from safetensors import safe_open
from safetensors.torch import load_file
from torch import nn

MODEL = "model."
STATE = "optimizer.state."


def to_pytorch(path):
    """Returns (model_state_dict, optimizer_state_dict, optimizer_class_name, metadata_json)."""
    tensors = load_file(str(path))
    with safe_open(str(path), "pt") as f:
        meta = json.loads(f.metadata()["jgrad.checkpoint"])
    model_sd = {k[len(MODEL):]: v for k, v in tensors.items() if k.startswith(MODEL)}
    state = {}
    for k, v in tensors.items():
        if k.startswith(STATE):
            index, name = k[len(STATE):].split(".", 1)
            state.setdefault(int(index), {})[name] = v
    opt = meta["optimizer"]
    for index, entries in opt["state"].items():
        state.setdefault(int(index), {}).update(entries)
    groups = []
    for group in opt["param_groups"]:
        group = dict(group)
        if "betas" in group:
            group["betas"] = tuple(group["betas"])  # a tuple in PyTorch, a JSON list here
        groups.append(group)
    return model_sd, {"state": state, "param_groups": groups}, opt["type"], meta


def main():
    here = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent)
    data = load_file(str(here / "resume-data.safetensors"))
    x, y = data["x"], data["y"]
    lines = [f"# written by load_in_pytorch.py with torch {torch.__version__}"]
    for name in ("sgd", "adam"):
        model_sd, opt_sd, opt_type, meta = to_pytorch(here / f"{name}.safetensors")
        model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
        model.load_state_dict(model_sd)  # strict: every key matches
        optimizer = getattr(torch.optim, opt_type)(model.parameters(), lr=1.0)
        optimizer.load_state_dict(opt_sd)
        assert optimizer.param_groups[0]["lr"] == opt_sd["param_groups"][0]["lr"]
        loss_fn = nn.MSELoss()
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            after = loss_fn(model(x), y)
        lines.append(f"{name} type {opt_type} epoch {meta['epoch']} extra {json.dumps(meta['extra'])}")
        lines.append(f"{name} loss_at_checkpoint {loss.item()!r}")
        lines.append(f"{name} loss_after_step {after.item()!r}")
        for key, value in model.state_dict().items():
            values = " ".join(repr(v) for v in value.flatten().tolist())
            lines.append(f"{name} param {key} {values}")
        print(f"{name}: resumed {opt_type} at epoch {meta['epoch']}: loss {loss.item():.6f}"
              f" -> {after.item():.6f}")
    (here / "pytorch-resume.txt").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
