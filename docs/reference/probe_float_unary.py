"""Shows which library computes PyTorch's float32 sin/cos/exp/log on x86-64 CPU, and how often
other candidate implementations disagree with it in the last bit.

Run with the project's venv (torch 2.13 CPU wheel): /work/main/.venv/bin/python probe_float_unary.py
It calls functions exported by the wheel's own libtorch_cpu.so: MKL's VML entry points (plain C
pointers, through ctypes) and, when gcc is installed, SLEEF's AVX2 u10 functions (they take
__m256 by value, so a ten-line C shim is compiled into a temporary directory). It prints one line
per op and input set: the number of elements where each candidate's bits differ from torch's.
"""

import ctypes
import math
import os
import subprocess
import tempfile

import numpy as np
import torch

OPS = ["sin", "cos", "exp", "log"]
MKL_NAMES = {"sin": "vmsSin", "cos": "vmsCos", "exp": "vmsExp", "log": "vmsLn"}
# VML_HA | VML_ERRMODE_IGNORE, the accuracy flag PyTorch's aten/src/ATen/cpu/vml.h passes.
VML_MODE = 0x2 | 0x100
FLOAT_P = ctypes.POINTER(ctypes.c_float)

TORCH_LIB = os.path.join(os.path.dirname(torch.__file__), "lib", "libtorch_cpu.so")
torch_cpu = ctypes.CDLL(TORCH_LIB)
libm = ctypes.CDLL("libm.so.6")
for name in ["sinf", "cosf", "expf", "logf"]:
    getattr(libm, name).restype = ctypes.c_float
    getattr(libm, name).argtypes = [ctypes.c_float]

SHIM = r"""
#include <immintrin.h>
__m256 Sleef_sinf8_u10avx2(__m256); __m256 Sleef_cosf8_u10avx2(__m256);
__m256 Sleef_expf8_u10avx2(__m256); __m256 Sleef_logf8_u10avx2(__m256);
__attribute__((target("avx2,fma"))) void sleef8(int op, int n, const float* x, float* y) {
  for (int i = 0; i + 8 <= n; i += 8) {
    __m256 v = _mm256_loadu_ps(x + i), r;
    switch (op) {
      case 0: r = Sleef_sinf8_u10avx2(v); break;
      case 1: r = Sleef_cosf8_u10avx2(v); break;
      case 2: r = Sleef_expf8_u10avx2(v); break;
      default: r = Sleef_logf8_u10avx2(v);
    }
    _mm256_storeu_ps(y + i, r);
  }
}
"""


def load_sleef():
    """Compiles the SLEEF shim against libtorch_cpu.so; None when gcc is missing."""
    tmp = tempfile.mkdtemp()
    src, lib = os.path.join(tmp, "shim.c"), os.path.join(tmp, "libshim.so")
    with open(src, "w") as f:
        f.write(SHIM)
    libdir = os.path.dirname(TORCH_LIB)
    cmd = ["gcc", "-O2", "-shared", "-fPIC", src, "-o", lib, "-L" + libdir, "-ltorch_cpu",
           "-Wl,-rpath," + libdir]
    try:
        subprocess.run(cmd, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return ctypes.CDLL(lib)


def candidates(op, x, sleef):
    out = {}
    mkl = np.empty_like(x)
    getattr(torch_cpu, MKL_NAMES[op])(ctypes.c_int(len(x)), x.ctypes.data_as(FLOAT_P),
                                      mkl.ctypes.data_as(FLOAT_P), ctypes.c_longlong(VML_MODE))
    out["mkl_vml_ha"] = mkl
    if sleef is not None:
        s = np.empty_like(x)
        sleef.sleef8(OPS.index(op), len(x), x.ctypes.data_as(FLOAT_P), s.ctypes.data_as(FLOAT_P))
        out["sleef_avx2_u10"] = s
    f = getattr(libm, op + "f")
    out["glibc_" + op + "f"] = np.array([f(float(v)) for v in x], dtype=np.float32)
    # What jgrad computed before: the double function rounded once to float.
    with np.errstate(over="ignore"):
        out["double_rounded"] = getattr(np, op)(x.astype(np.float64)).astype(np.float32)
    return out


def inputs():
    rng = np.random.default_rng(0)
    n = 1 << 16
    trig = np.concatenate([rng.uniform(-10, 10, n // 2), rng.uniform(-1e4, 1e4, n // 2)])
    return {
        "sin": [("uniform", trig), ("linspace(-pi,pi,2000)", None)],
        "cos": [("uniform", trig), ("linspace(-pi,pi,2000)", None)],
        "exp": [("uniform(-90,90)", rng.uniform(-90, 90, n))],
        "log": [("exp(uniform(-80,80))", np.exp(rng.uniform(-80, 80, n))),
                ("near 1", 1 + rng.uniform(-0.01, 0.01, n))],
    }


def main():
    sleef = load_sleef()
    lin = torch.linspace(-math.pi, math.pi, 2000).numpy()
    for op, cases in inputs().items():
        for label, values in cases:
            x = np.ascontiguousarray(lin if values is None else values.astype(np.float32))
            ref = getattr(torch, op)(torch.from_numpy(x)).numpy().view(np.int32)
            diffs = {k: int((v.view(np.int32) != ref).sum())
                     for k, v in candidates(op, x, sleef).items()}
            print(f"{op:4s} {label:24s} n={len(x):6d} differing: {diffs}")


if __name__ == "__main__":
    main()
