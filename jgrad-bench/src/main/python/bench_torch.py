"""PyTorch (eager, from Python) twin of jgrad's B1..B5 benchmarks; prints `RESULT key value`.

Run by io.jgrad.bench.Compare: python bench_torch.py --threads 2 --benches b1,b2,b3,b4,b5
"""
import argparse
import math
import statistics
import time

import torch


def per_call_ns(task, batch, warmup_s, measure_s):
    end = time.perf_counter() + warmup_s
    n = 0
    while n < 2 or time.perf_counter() < end:
        for _ in range(batch):
            task()
        n += 1
    samples = []
    end = time.perf_counter() + measure_s
    while len(samples) < 5 or (time.perf_counter() < end and len(samples) < 1000):
        t0 = time.perf_counter_ns()
        for _ in range(batch):
            task()
        samples.append((time.perf_counter_ns() - t0) / batch)
    return statistics.median(samples)


def sine_fit(x, y):
    torch.manual_seed(0)
    a, b, c, d = (torch.randn((), requires_grad=True) for _ in range(4))
    lr = 1e-6
    for t in range(2000):
        y_pred = a + b * x + c * x ** 2 + d * x ** 3
        loss = (y_pred - y).pow(2).sum()
        if t % 100 == 99:
            loss.item()
        loss.backward()
        with torch.no_grad():
            for p in (a, b, c, d):
                p -= lr * p.grad
                p.grad = None


def linear_fit(xx, y):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
    loss_fn = torch.nn.MSELoss(reduction="sum")
    opt = torch.optim.SGD(model.parameters(), lr=1e-6)
    for t in range(2000):
        loss = loss_fn(model(xx), y)
        if t % 100 == 99:
            loss.item()
        opt.zero_grad()
        loss.backward()
        opt.step()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--benches", default="b1,b2,b3,b4,b5")
    parser.add_argument("--time", type=float, default=1.0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    benches = args.benches.split(",")
    s = args.time

    def report(key, value):
        print(f"RESULT {key} {value:.6g}", flush=True)

    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    if "b1" in benches:
        report("b1_ms", per_call_ns(lambda: sine_fit(x, y), 1, 2 * s, 4 * s) / 1e6)
    if "b2" in benches:
        xx = x.unsqueeze(-1).pow(torch.tensor([1, 2, 3]))
        report("b2_ms", per_call_ns(lambda: linear_fit(xx, y), 1, 2 * s, 4 * s) / 1e6)
    if "b3" in benches:
        for n, key in ((2000, "b3_add2000_ns"), (1, "b3_add1_ns")):
            a, b = torch.randn(n), torch.randn(n)
            report(key, per_call_ns(lambda: a.add(b), 20000, s, 2 * s))
        a, b = torch.randn(2000), torch.randn(2000)
        report("b3_add2000_inplace_ns", per_call_ns(lambda: a.add_(b), 20000, s, 2 * s))
    if "b4" in benches:
        for n in (256, 1024, 2048):
            a, b = torch.randn(n, n), torch.randn(n, n)
            ns = per_call_ns(lambda: a.matmul(b), 1 if n >= 1024 else 20, s, 2 * s)
            report(f"b4_mm{n}_gflops", 2.0 * n ** 3 / ns)
    if "b5" in benches:
        torch.manual_seed(0)
        model = torch.nn.Sequential(
            torch.nn.Linear(784, 512), torch.nn.ReLU(),
            torch.nn.Linear(512, 512), torch.nn.ReLU(), torch.nn.Linear(512, 10))
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        inputs = torch.rand(128, 784)
        target = torch.randint(0, 10, (128,))
        loss_fn = torch.nn.CrossEntropyLoss()

        def step():
            opt.zero_grad()
            loss_fn(model(inputs), target).backward()
            opt.step()

        report("b5_ms", per_call_ns(step, 1, 2 * s, 4 * s) / 1e6)


if __name__ == "__main__":
    main()
