"""PyTorch's quickstart (pytorch.org/tutorials/beginner/basics/quickstart_tutorial) on the Debian
Fashion-MNIST files, without torchvision: the reference for jgrad's `fashion-mnist` example.
Run: .venv/bin/python docs/reference/fashion_quickstart.py [epochs]"""
import gzip, struct, sys, time
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

ROOT = "/usr/share/datasets/fashion-mnist/"

def idx(name):
    with gzip.open(ROOT + name) as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic == 2051:
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, 1, 28, 28)
    return np.frombuffer(data, np.uint8, offset=8).astype(np.int64)

def dataset(prefix):
    x = torch.from_numpy(idx(prefix + "-images-idx3-ubyte.gz").copy()).float() / 255
    y = torch.from_numpy(idx(prefix + "-labels-idx1-ubyte.gz").copy())
    return TensorDataset(x, y)

torch.manual_seed(0)
train_loader = DataLoader(dataset("train"), batch_size=64)
test_loader = DataLoader(dataset("t10k"), batch_size=64)
model = nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)
for t in range(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
    start = time.time()
    model.train()
    for X, y in train_loader:
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    elapsed = time.time() - start
    model.eval()
    test_loss, correct = 0.0, 0.0
    with torch.no_grad():
        for X, y in test_loader:
            pred = model(X)
            test_loss += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()
    print(f"epoch {t+1}: Accuracy: {100*correct/len(test_loader.dataset):>0.1f}%, Avg loss: {test_loss/len(test_loader):>8f}, train {elapsed:.1f} s", flush=True)
