"""Writes column-sums-golden.json: torch.sum(x, 0) of float32 [rows, columns] matrices, as float bits.

The inputs need no file: element i (row-major) is float32(((i * 2654435761) % 2**32) / 2**32 * 200 - 100),
computed in float64 exactly as the Java test does. Run: .venv/bin/python make_column_sums.py
"""
import json

import numpy as np
import torch

ROWS = [1, 2, 3, 4, 5, 7, 16, 17, 63, 64, 65, 128, 129, 1000, 4097]
COLUMNS = [1, 2, 3, 4, 5, 7, 8, 9, 31, 32, 33, 40, 64, 100, 513]


def values(n):
    i = np.arange(n, dtype=np.int64)
    u = ((i * 2654435761) % (1 << 32)).astype(np.float64) / float(1 << 32)
    return (u * 200.0 - 100.0).astype(np.float32)


def main():
    cases = []
    for r in ROWS:
        for c in COLUMNS:
            x = torch.from_numpy(values(r * c).reshape(r, c))
            bits = x.sum(0).numpy().view(np.int32).tolist()
            cases.append({"rows": r, "columns": c, "bits": bits})
    with open("column-sums-golden.json", "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
