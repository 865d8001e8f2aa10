package io.jgrad.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.backend.Layout;
import org.junit.jupiter.api.Test;

/**
 * The row-major to column-major mapping of matmul, executed by a reference column-major GEMM with
 * cuBLAS's exact argument semantics, so a wrong transpose flag or leading dimension shows up as
 * wrong numbers without a GPU.
 */
class CudaMatmulTest {
  /** cublas?gemmStridedBatched semantics on host arrays: C = op(A) op(B), column-major. */
  private static void referenceGemm(
      CudaMatmul.Plan p,
      double[] first,
      int firstOffset,
      double[] second,
      int secondOffset,
      double[] c) {
    for (int batch = 0; batch < p.batch(); batch++) {
      for (int i = 0; i < p.m(); i++) {
        for (int j = 0; j < p.n(); j++) {
          double sum = 0;
          for (int l = 0; l < p.k(); l++) {
            int fa =
                firstOffset
                    + (int) (batch * p.strideFirst())
                    + (p.transFirst() == 0 ? i + l * p.ldFirst() : l + i * p.ldFirst());
            int sb =
                secondOffset
                    + (int) (batch * p.strideSecond())
                    + (p.transSecond() == 0 ? l + j * p.ldSecond() : j + l * p.ldSecond());
            sum += first[fa] * second[sb];
          }
          c[(int) (batch * p.strideC()) + i + j * p.ldc()] = sum;
        }
      }
    }
  }

  private static double[] values(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i * 7 % 11) - 5 + i * 0.01;
    }
    return v;
  }

  /** Checks the plan against a direct row-major product over the strided views. */
  private static void check(Layout a, double[] aData, Layout b, double[] bData) {
    int batch = a.shape()[0];
    int m = a.shape()[1];
    int k = a.shape()[2];
    int n = b.shape()[2];
    Layout out = Layout.contiguous(batch, m, n);
    CudaMatmul.Plan plan = CudaMatmul.plan(a, b, out);
    assertThat(plan).isNotNull();
    double[] c = new double[batch * m * n];
    referenceGemm(plan, bData, b.offset(), aData, a.offset(), c);
    for (int p = 0; p < batch; p++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double expected = 0;
          for (int l = 0; l < k; l++) {
            expected += aData[a.storageIndex(p, i, l)] * bData[b.storageIndex(p, l, j)];
          }
          assertThat(c[out.storageIndex(p, i, j)])
              .as("[%s,%s,%s]", p, i, j)
              .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        }
      }
    }
  }

  @Test
  void contiguousOperandsUseNoTranspose() {
    Layout a = Layout.contiguous(1, 3, 4);
    Layout b = Layout.contiguous(1, 4, 5);
    CudaMatmul.Plan plan = CudaMatmul.plan(a, b, Layout.contiguous(1, 3, 5));
    assertThat(plan.transFirst()).isEqualTo(Cublas.CUBLAS_OP_N);
    assertThat(plan.transSecond()).isEqualTo(Cublas.CUBLAS_OP_N);
    assertThat(new int[] {plan.m(), plan.n(), plan.k()}).containsExactly(5, 3, 4);
    check(a, values(12), b, values(20));
  }

  @Test
  void transposedViewsUseOpTWithoutCopy() {
    Layout a = Layout.contiguous(2, 4, 3).permute(new int[] {0, 2, 1}); // [2,3,4] via .mT()
    Layout b = Layout.contiguous(2, 5, 4).permute(new int[] {0, 2, 1}); // [2,4,5]
    CudaMatmul.Plan plan = CudaMatmul.plan(a, b, Layout.contiguous(2, 3, 5));
    assertThat(plan.transFirst()).isEqualTo(Cublas.CUBLAS_OP_T);
    assertThat(plan.transSecond()).isEqualTo(Cublas.CUBLAS_OP_T);
    check(a, values(24), b, values(40));
  }

  @Test
  void broadcastBatchHasStrideZeroAndOffsetsAreKept() {
    Layout a = new Layout(new int[] {3, 2, 4}, new int[] {0, 4, 1}, 5); // one matrix, expanded
    Layout b = Layout.contiguous(3, 4, 2);
    CudaMatmul.Plan plan = CudaMatmul.plan(a, b, Layout.contiguous(3, 2, 2));
    assertThat(plan.strideSecond()).isZero();
    assertThat(plan.strideFirst()).isEqualTo(8);
    check(a, values(13), b, values(24));
  }

  @Test
  void slicedRowsKeepTheirLeadingDimension() {
    Layout a = new Layout(new int[] {1, 3, 2}, new int[] {18, 6, 1}, 1); // columns 1..2 of [3,6]
    Layout b = Layout.contiguous(1, 2, 3);
    assertThat(CudaMatmul.plan(a, b, Layout.contiguous(1, 3, 3)).ldSecond()).isEqualTo(6);
    check(a, values(19), b, values(6));
  }

  @Test
  void vectorShapedOperandsWork() {
    check(Layout.contiguous(1, 1, 4), values(4), Layout.contiguous(1, 4, 1), values(4));
    check(Layout.contiguous(1, 5, 1), values(5), Layout.contiguous(1, 1, 3), values(3));
  }

  @Test
  void elementStridedOperandsNeedACopy() {
    Layout a = new Layout(new int[] {1, 3, 4}, new int[] {24, 8, 2}, 0); // every other column
    assertThat(CudaMatmul.plan(a, Layout.contiguous(1, 4, 2), Layout.contiguous(1, 3, 2))).isNull();
  }
}
