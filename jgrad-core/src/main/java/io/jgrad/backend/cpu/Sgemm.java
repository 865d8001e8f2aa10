package io.jgrad.backend.cpu;

/**
 * Float32 matrix product {@code C = A B} on strided operands, Goto/BLIS style: B is packed into
 * {@code KC x nr} panels, A into {@code MR x KC} panels, and a register-tiled micro-kernel from
 * {@link FloatKernels} computes each {@code MR x nr} tile. Transposed operands cost nothing extra:
 * packing reads any strides.
 *
 * <p>Every element is {@code fma(a[i][k-1], b[k-1][j], ... fma(a[i][0], b[0][j], 0))} in order of
 * k, whichever path runs (blocked, direct, vector, scalar, 1 or N threads), so results do not
 * depend on the machine. {@code Sgemm.multiply(kernels, m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, n)}.
 */
final class Sgemm {
  static final int KC = 256;
  static final int MC = 192;
  static final int NC = 4096;

  /** Below this many multiply-adds the call stays on the calling thread. */
  private static final long PARALLEL_WORK = 192L * 192 * 192;

  private static final ThreadLocal<float[][]> BUFFERS =
      ThreadLocal.withInitial(() -> new float[2][]);

  private Sgemm() {}

  /** Whether packing pays off, or the direct loop is better (tiny, or a thin result). */
  static boolean worthPacking(int m, int n, int k) {
    return (long) m * n * k >= 16L * 16 * 16 && n >= 8 && m >= 4;
  }

  /** {@code C[m x n] = A[m x k] B[k x n]} with element strides (row, column) for A and B. */
  static void multiply(
      FloatKernels kernels,
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int aRs,
      int aCs,
      float[] b,
      int bOff,
      int bRs,
      int bCs,
      float[] c,
      int cOff,
      int ldc) {
    if (k <= SMALL_DEPTH && n >= SMALL_DEPTH_MIN_WIDTH && bCs == 1) {
      smallDepth(kernels, m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, c, cOff, ldc);
      return;
    }
    if (!worthPacking(m, n, k)) {
      direct(kernels, m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc);
      return;
    }
    int nr = kernels.nr();
    boolean parallel = CpuThreads.threads() > 1 && (long) m * n * k >= PARALLEL_WORK;
    int mcBlock = parallel ? balancedRowBlock(m, CpuThreads.threads()) : MC;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      int panels = (nc + nr - 1) / nr;
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        float[] bp = buffer(1, panels * nr * kc);
        int bStart = bOff + pc * bRs + jc * bCs;
        if (parallel && panels > 1) {
          // Each thread packs a slice of whole panels: a transposed B makes packing a gather.
          int slices = Math.min(panels, CpuThreads.threads());
          int kcFinal = kc;
          int ncFinal = nc;
          CpuThreads.parallelFor(
              slices,
              s -> {
                int first = (int) ((long) panels * s / slices);
                int end = (int) ((long) panels * (s + 1) / slices);
                int cols = Math.min(ncFinal, end * nr) - first * nr;
                packB(
                    kernels,
                    b,
                    bStart + first * nr * bCs,
                    bRs,
                    bCs,
                    kcFinal,
                    cols,
                    nr,
                    bp,
                    first * nr * kcFinal);
              });
        } else {
          packB(kernels, b, bStart, bRs, bCs, kc, nc, nr, bp, 0);
        }
        int icBlocks = (m + mcBlock - 1) / mcBlock;
        int columnChunks =
            parallel
                ? Math.max(1, Math.min(panels, (CpuThreads.threads() + icBlocks - 1) / icBlocks))
                : 1;
        int tasks = icBlocks * columnChunks;
        boolean accumulate = pc > 0;
        int jcFinal = jc;
        int pcFinal = pc;
        java.util.function.IntConsumer task =
            t -> {
              int ic = (t / columnChunks) * mcBlock;
              int chunk = t % columnChunks;
              int firstPanel = (int) ((long) panels * chunk / columnChunks);
              int endPanel = (int) ((long) panels * (chunk + 1) / columnChunks);
              int mc = Math.min(mcBlock, m - ic);
              float[] ap =
                  buffer(0, ((mc + FloatKernels.MR - 1) / FloatKernels.MR) * FloatKernels.MR * kc);
              packA(a, aOff + ic * aRs + pcFinal * aCs, aRs, aCs, mc, kc, ap);
              for (int panel = firstPanel; panel < endPanel; panel++) {
                int jr = panel * nr;
                int cols = Math.min(nr, nc - jr);
                for (int ir = 0; ir < mc; ir += FloatKernels.MR) {
                  int rows = Math.min(FloatKernels.MR, mc - ir);
                  kernels.microKernel(
                      kc,
                      ap,
                      ir * kc,
                      bp,
                      panel * nr * kc,
                      c,
                      cOff + (ic + ir) * ldc + jcFinal + jr,
                      ldc,
                      rows,
                      cols,
                      accumulate);
                }
              }
            };
        if (parallel) {
          CpuThreads.parallelFor(tasks, task);
        } else {
          for (int t = 0; t < tasks; t++) {
            task.accept(t);
          }
        }
      }
    }
  }

  /**
   * Rows per block so that the blocks split evenly over the threads (256 rows on 2 threads are 2 x
   * 128, not 192 + 64), at most {@link #MC} and a multiple of the tile height.
   */
  static int balancedRowBlock(int m, int threads) {
    int blocks = (m + MC - 1) / MC;
    blocks = (blocks + threads - 1) / threads * threads;
    int rows = (m + blocks - 1) / blocks;
    int mr = FloatKernels.MR;
    return Math.min(MC, Math.max(mr, (rows + mr - 1) / mr * mr));
  }

  /** A per-thread packing buffer of at least {@code size} floats (slot 0: A, slot 1: B). */
  private static float[] buffer(int slot, int size) {
    float[][] buffers = BUFFERS.get();
    float[] buffer = buffers[slot];
    if (buffer == null || buffer.length < size) {
      buffer = new float[size];
      buffers[slot] = buffer;
    }
    return buffer;
  }

  /** Packs {@code mc x kc} of A into MR-row panels, each kc columns of MR floats, zero-padded. */
  private static void packA(float[] a, int off, int rs, int cs, int mc, int kc, float[] ap) {
    int mr = FloatKernels.MR;
    int at = 0;
    for (int ir = 0; ir < mc; ir += mr) {
      int rows = Math.min(mr, mc - ir);
      for (int p = 0; p < kc; p++) {
        int src = off + ir * rs + p * cs;
        for (int i = 0; i < rows; i++) {
          ap[at + i] = a[src + i * rs];
        }
        for (int i = rows; i < mr; i++) {
          ap[at + i] = 0f;
        }
        at += mr;
      }
    }
  }

  /** Packs {@code kc x nc} of B into nr-column panels, each kc rows of nr floats, zero-padded. */
  private static void packB(
      FloatKernels kernels,
      float[] b,
      int off,
      int rs,
      int cs,
      int kc,
      int nc,
      int nr,
      float[] bp,
      int at) {
    for (int jr = 0; jr < nc; jr += nr) {
      int cols = Math.min(nr, nc - jr);
      // Columns contiguous in memory (the Wᵀ of x·Wᵀ): whole 16 x 16 blocks are transposed with
      // vector permutes; a gather of nr columns per row costs more than the product at batch 64.
      int blockRows = rs == 1 && cs != 1 ? kc / 16 * 16 : 0;
      int blockCols = blockRows > 0 ? cols / 16 * 16 : 0;
      for (int p0 = 0; p0 < blockRows && blockCols > 0; p0 += 16) {
        for (int j0 = 0; j0 < blockCols; j0 += 16) {
          kernels.transpose16(b, off + p0 + (jr + j0) * cs, cs, bp, at + p0 * nr + j0, nr);
        }
      }
      for (int p = 0; p < kc; p++) {
        int src = off + p * rs + jr * cs;
        int row = at + p * nr;
        if (cs == 1) {
          System.arraycopy(b, src, bp, row, cols);
        } else {
          for (int j = p < blockRows ? blockCols : 0; j < cols; j++) {
            bp[row + j] = b[src + j * cs];
          }
        }
        for (int j = cols; j < nr; j++) {
          bp[row + j] = 0f;
        }
      }
      at += kc * nr;
    }
  }

  /** Inner sizes up to this, with wide rows, skip packing (a 3x3 convolution has k = 9). */
  static final int SMALL_DEPTH = 16;

  /** Row width from which the small-depth path's vector row updates pay off. */
  static final int SMALL_DEPTH_MIN_WIDTH = 32;

  /**
   * Few terms per element but long rows (a convolution's weight times its im2col columns): each row
   * of C is k vectorised fma sweeps over rows of B, so every element is still the in-order fma
   * chain over k that the packed path computes.
   */
  private static void smallDepth(
      FloatKernels kernels,
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int aRs,
      int aCs,
      float[] b,
      int bOff,
      int bRs,
      float[] c,
      int cOff,
      int ldc) {
    for (int i = 0; i < m; i++) {
      int row = cOff + i * ldc;
      java.util.Arrays.fill(c, row, row + n, 0f);
      for (int p = 0; p < k; p++) {
        kernels.fmaRow(a[aOff + i * aRs + p * aCs], b, bOff + p * bRs, c, row, n);
      }
    }
  }

  /** Dot products longer than this run as {@link FloatKernels#longDots}. */
  static final int SPLIT_CHAIN_DEPTH = 64;

  /** The unpacked i-k-j loop for small or thin products, same rounding as the blocked path. */
  static void direct(
      FloatKernels kernels,
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int aRs,
      int aCs,
      float[] b,
      int bOff,
      int bRs,
      int bCs,
      float[] c,
      int cOff,
      int ldc) {
    if (n == 1) {
      matrixVector(kernels, m, k, a, aOff, aRs, aCs, b, bOff, bRs, c, cOff, ldc);
      return;
    }
    if (m == 1) {
      // One row (a batch of one): C^T = B^T a^T, the one-column case with B's columns as rows.
      matrixVector(kernels, n, k, b, bOff, bCs, bRs, a, aOff, aCs, c, cOff, 1);
      return;
    }
    for (int i = 0; i < m; i++) {
      int row = cOff + i * ldc;
      for (int j = 0; j < n; j++) {
        c[row + j] = 0f;
      }
      for (int p = 0; p < k; p++) {
        float aip = a[aOff + i * aRs + p * aCs];
        int bRow = bOff + p * bRs;
        for (int j = 0; j < n; j++) {
          c[row + j] = Math.fma(aip, b[bRow + j * bCs], c[row + j]);
        }
      }
    }
  }

  /**
   * The one-column case (a linear layer with one output, or its weight gradient): up to 16 terms
   * per row by {@link FloatKernels#thinMatrixVector}, more than {@link #SPLIT_CHAIN_DEPTH} by
   * {@link FloatKernels#longDots}, and in between four rows' fma chains interleaved so the latency
   * of one hides behind the others; each chain keeps its order of k.
   */
  private static void matrixVector(
      FloatKernels kernels,
      int m,
      int k,
      float[] a,
      int aOff,
      int aRs,
      int aCs,
      float[] b,
      int bOff,
      int bRs,
      float[] c,
      int cOff,
      int ldc) {
    if (k <= 16 && ldc == 1) {
      // Few terms per row (a Linear(3, 1) forward): many rows at once, each chain in order of k.
      kernels.thinMatrixVector(m, k, a, aOff, aRs, aCs, b, bOff, bRs, c, cOff);
      return;
    }
    if (k > SPLIT_CHAIN_DEPTH) {
      kernels.longDots(m, k, a, aOff, aRs, aCs, b, bOff, bRs, c, cOff, ldc);
      return;
    }
    for (int i = 0; i < m; i += 4) {
      // Rows past the end repeat the last row (computed, not stored), so 1 to 3 leftover rows
      // still run as parallel chains.
      int r1 = Math.min(i + 1, m - 1) * aRs;
      int r2 = Math.min(i + 2, m - 1) * aRs;
      int r3 = Math.min(i + 3, m - 1) * aRs;
      float s0 = 0f;
      float s1 = 0f;
      float s2 = 0f;
      float s3 = 0f;
      int row = aOff + i * aRs;
      int base = aOff;
      for (int p = 0; p < k; p++) {
        float bp = b[bOff + p * bRs];
        int col = p * aCs;
        s0 = Math.fma(a[row + col], bp, s0);
        s1 = Math.fma(a[base + r1 + col], bp, s1);
        s2 = Math.fma(a[base + r2 + col], bp, s2);
        s3 = Math.fma(a[base + r3 + col], bp, s3);
      }
      c[cOff + i * ldc] = s0;
      if (i + 1 < m) {
        c[cOff + (i + 1) * ldc] = s1;
      }
      if (i + 2 < m) {
        c[cOff + (i + 2) * ldc] = s2;
      }
      if (i + 3 < m) {
        c[cOff + (i + 3) * ldc] = s3;
      }
    }
  }
}
