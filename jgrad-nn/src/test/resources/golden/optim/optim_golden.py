"""Writes optim_golden.txt: PyTorch reference values for jgrad's optimizers, schedulers, clipping.

Run with /work/main/.venv/bin/python (torch 2.13 CPU). Line format, whitespace separated:
  params <config> <step> <values of all params, flattened in order>
  state <config> <param index> <key> <values>
  lr <config> <epoch> <lr of group 0> <lr of group 1>
  clip <config> <total norm> <clipped grads flattened>
Floats are Python repr (shortest round trip), so Java's Double.parseDouble reads them exactly.
"""
import math
import os
import torch

torch.set_default_dtype(torch.float64)
out = []


def fmt(values):
    return " ".join(repr(float(v)) for v in values)


def problem():
    """A small separable quadratic-plus-quartic problem with uneven curvature (float64)."""
    x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
    y = torch.tensor([[0.5, -1.5], [2.0, 0.25]], requires_grad=True)
    return x, y


def loss_fn(x, y):
    w = torch.tensor([0.5, 2.0, 1.5])
    return (x * x * w).sum() + 0.1 * x.sum() ** 2 + 0.05 * (y**4).sum() + (y * x[:2].sum()).sum()


CONFIGS = {
    "sgd_plain": lambda p: torch.optim.SGD(p, lr=0.1),
    "sgd_momentum": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "sgd_dampening": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, dampening=0.3, weight_decay=0.01),
    "sgd_nesterov": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.1),
    "sgd_maximize": lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.5, maximize=True),
    "adam": lambda p: torch.optim.Adam(p, lr=0.1),
    "adam_amsgrad_wd": lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.1, amsgrad=True),
    "adam_maximize": lambda p: torch.optim.Adam(p, lr=0.01, maximize=True),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.1),
    "adamw_amsgrad": lambda p: torch.optim.AdamW(p, lr=0.05, betas=(0.85, 0.9), weight_decay=0.3, amsgrad=True),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01),
    "rmsprop_centered_momentum": lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6, weight_decay=0.05, momentum=0.7, centered=True),
    "rmsprop_maximize": lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.3, maximize=True),
    "adagrad": lambda p: torch.optim.Adagrad(p, lr=0.1),
    "adagrad_full": lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.05, weight_decay=0.1, initial_accumulator_value=0.2, eps=1e-8),
    "adagrad_maximize": lambda p: torch.optim.Adagrad(p, lr=0.1, maximize=True),
    "adadelta": lambda p: torch.optim.Adadelta(p),
    "adadelta_full": lambda p: torch.optim.Adadelta(p, lr=0.5, rho=0.8, eps=1e-4, weight_decay=0.1),
    "adadelta_maximize": lambda p: torch.optim.Adadelta(p, lr=2.0, maximize=True),
    "sgd_groups": lambda p: torch.optim.SGD([{"params": [p[0]]}, {"params": [p[1]], "lr": 0.01, "momentum": 0.9}], lr=0.1, momentum=0.5),
}

for name, make in CONFIGS.items():
    x, y = problem()
    opt = make([x, y])
    for step in range(1, 6):
        opt.zero_grad()
        loss_fn(x, y).backward()
        opt.step()
        out.append(f"params {name} {step} " + fmt(torch.cat([x.detach().flatten(), y.detach().flatten()])))
    for index, state in opt.state_dict()["state"].items():
        for key, value in sorted(state.items()):
            out.append(f"state {name} {index} {key} " + fmt(torch.as_tensor(value).flatten()))


def schedule(name, make, epochs, metrics=None):
    x, y = problem()
    opt = torch.optim.SGD([{"params": [x]}, {"params": [y], "lr": 0.05}], lr=0.1)
    sched = make(opt)
    out.append(f"lr {name} 0 " + fmt(sched.get_last_lr()))
    for epoch in range(1, epochs + 1):
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[epoch - 1])
        out.append(f"lr {name} {epoch} " + fmt(sched.get_last_lr()))


sched = torch.optim.lr_scheduler
schedule("step", lambda o: sched.StepLR(o, step_size=3, gamma=0.5), 10)
schedule("multistep", lambda o: sched.MultiStepLR(o, milestones=[2, 5, 5, 8], gamma=0.1), 10)
schedule("exponential", lambda o: sched.ExponentialLR(o, gamma=0.9), 10)
schedule("cosine", lambda o: sched.CosineAnnealingLR(o, T_max=5, eta_min=0.001), 16)
schedule("linear_up", lambda o: sched.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=4), 8)
schedule("linear_down", lambda o: sched.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=5), 8)
schedule("lambda", lambda o: sched.LambdaLR(o, [lambda e: 0.95**e, lambda e: 1.0 / (e + 1)]), 8)
METRICS_MIN = [1.0, 0.9, 0.95, 0.92, 0.91, 0.9, 0.899995, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9, 0.91, 0.92]
schedule("plateau_min_rel", lambda o: sched.ReduceLROnPlateau(o, mode="min", factor=0.5, patience=2, cooldown=1, min_lr=0.01), len(METRICS_MIN), METRICS_MIN)
METRICS_MAX = [0.1, 0.15, 0.2, 0.25, 0.26, 0.27, 0.5, 0.55, 0.58, 0.6, 0.61, 0.62]
schedule("plateau_max_abs", lambda o: sched.ReduceLROnPlateau(o, mode="max", factor=0.3, patience=1, threshold=0.1, threshold_mode="abs", min_lr=[0.02, 0.001]), len(METRICS_MAX), METRICS_MAX)

for norm_name, norm_type in [("2", 2.0), ("1", 1.0), ("3", 3.0), ("inf", math.inf)]:
    for max_norm in [0.5, 100.0]:
        a = torch.tensor([3.0, -4.0], requires_grad=True)
        b = torch.tensor([[1.0, 2.0], [-0.5, 0.25]], requires_grad=True)
        a.grad = torch.tensor([0.3, -4.0])
        b.grad = torch.tensor([[1.5, 2.0], [-0.5, 6.25]])
        total = torch.nn.utils.clip_grad_norm_([a, b], max_norm, norm_type)
        out.append(f"clip norm{norm_name}_max{max_norm} {repr(float(total))} " + fmt(torch.cat([a.grad.flatten(), b.grad.flatten()])))

here = os.path.dirname(os.path.abspath(__file__))
tmp = os.path.join(here, "optim_golden.txt.tmp")
with open(tmp, "w") as f:
    f.write(f"# generated by optim_golden.py with torch {torch.__version__}\n")
    f.write("\n".join(out) + "\n")
os.replace(tmp, os.path.join(here, "optim_golden.txt"))
