"""Writes fashion_golden.txt: reference facts about the installed Fashion-MNIST files.

Run with /work/main/.venv/bin/python. Reads /usr/share/datasets/fashion-mnist with gzip + numpy
(independent of jgrad). Lines: <split> count <n>; <split> labels10 <first 10 labels>;
<split> pixelsum <index> <sum of that image's uint8 pixels>; <split> pixel <index> <row> <col> <value>.
"""
import gzip
import os
import numpy as np

root = "/usr/share/datasets/fashion-mnist"
out = []
for split, prefix in [("train", "train"), ("test", "t10k")]:
    with gzip.open(f"{root}/{prefix}-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(f"{root}/{prefix}-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    out.append(f"{split} count {len(labels)}")
    out.append(f"{split} labels10 " + " ".join(str(int(v)) for v in labels[:10]))
    for index in [0, 1, len(labels) - 1]:
        out.append(f"{split} pixelsum {index} {int(images[index].astype(np.int64).sum())}")
    row, col = np.unravel_index(int(np.argmax(images[0])), (28, 28))
    out.append(f"{split} pixel 0 {row} {col} {int(images[0, row, col])}")

here = os.path.dirname(os.path.abspath(__file__))
tmp = os.path.join(here, "fashion_golden.txt.tmp")
with open(tmp, "w") as f:
    f.write("\n".join(out) + "\n")
os.replace(tmp, os.path.join(here, "fashion_golden.txt"))
