package io.jgrad.backend.cpu;

import static io.jgrad.JGrad.manualSeed;
import static io.jgrad.JGrad.randn;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Tensor;
import io.jgrad.backend.Backend;
import io.jgrad.backend.Layout;
import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.Elementwise;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float32 fast paths give the same bits as the general strided kernels, for contiguous,
 * broadcast single-value, transposed and row-broadcast operands, through both kernel sets.
 */
class FloatFastPathsTest {
  private static final BinaryOp[] OPS = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV};

  private static Tensor expand(Tensor t, int... shape) {
    return t.asStrided(t.layout().broadcastTo(shape));
  }

  /** Runs op through the fast path (when taken) and the general kernel; both must agree. */
  private static void check(BinaryOp op, Tensor a, Tensor b, int[] shape, boolean fastExpected) {
    for (FloatKernels kernels : List.of(FloatKernels.active(), FloatKernels.scalar())) {
      Tensor fast = Elementwise.empty(shape, a.dtype(), a.device());
      Tensor general = Elementwise.empty(shape, a.dtype(), a.device());
      boolean taken = FloatFastPaths.binary(kernels, op, a, b, fast);
      ElementwiseKernels.binary(op, a, b, general);
      assertThat(taken).as("%s fast path taken", op).isEqualTo(fastExpected);
      if (taken) {
        assertThat(Arrays.equals(fast.toFloatArray(), general.toFloatArray()))
            .as("%s with %s", op, kernels.name())
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 17, 1023})
  void contiguousOperandsOfOneShape(int n) {
    manualSeed(n);
    Tensor a = randn(n);
    Tensor b = randn(n);
    for (BinaryOp op : OPS) {
      check(op, a, b, new int[] {n}, true);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 17, 1023})
  void singleValueBroadcastOnEitherSide(int n) {
    manualSeed(n + 1);
    Tensor a = randn(7, n);
    Tensor s = randn();
    Tensor one = randn(1, 1);
    for (BinaryOp op : OPS) {
      check(op, a, expand(s, 7, n), new int[] {7, n}, true);
      check(op, expand(s, 7, n), a, new int[] {7, n}, true);
      check(op, expand(one, 7, n), a, new int[] {7, n}, true);
    }
  }

  @Test
  void transposedAndRowBroadcastOperandsTakeTheGeneralPath() {
    manualSeed(3);
    Tensor a = randn(17, 7).t();
    Tensor b = randn(7, 17);
    Tensor row = randn(17);
    for (BinaryOp op : OPS) {
      check(op, a, b, new int[] {7, 17}, false);
      check(op, b, expand(row, 7, 17), new int[] {7, 17}, false);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 17, 1023})
  void numberOperandMatchesTheZeroDimTensorRoute(int n) {
    manualSeed(n + 2);
    Tensor a = randn(n);
    Backend cpu = a.backend();
    for (BinaryOp op :
        new BinaryOp[] {
          BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.POW, BinaryOp.MAXIMUM
        }) {
      for (double value : new double[] {1, 2, 3, 0.3}) {
        Tensor viaNumber = Elementwise.empty(new int[] {n}, a.dtype(), a.device());
        cpu.binaryScalar(op, a, (float) value, false, viaNumber);
        Tensor s = Tensor.fromStorage(cpu.allocate(a.dtype(), 1), Layout.contiguous());
        cpu.fill(s, value);
        Tensor viaTensor = Elementwise.empty(new int[] {n}, a.dtype(), a.device());
        ElementwiseKernels.binary(op, a, expand(s, n), viaTensor);
        assertThat(Arrays.equals(viaNumber.toFloatArray(), viaTensor.toFloatArray()))
            .as("%s %s", op, value)
            .isTrue();
      }
    }
  }

  @Test
  void largeOperandsSplitOverThreadsGiveTheSameResult() {
    int n = FloatFastPaths.PARALLEL_ELEMENTS * 2 + 5;
    manualSeed(9);
    Tensor a = randn(n);
    Tensor b = randn(n);
    check(BinaryOp.MUL, a, b, new int[] {n}, true);
    check(BinaryOp.SUB, a, expand(randn(), n), new int[] {n}, true);
  }

  @Test
  void matmulOfTransposedBatchesAgreesAcrossKernelSets() {
    manualSeed(11);
    for (int[] mnk : new int[][] {{1, 1, 1}, {7, 17, 33}, {33, 129, 7}, {129, 33, 300}}) {
      int m = mnk[0];
      int n = mnk[1];
      int k = mnk[2];
      Tensor a = randn(2, k, m).transpose(1, 2);
      Tensor b = randn(2, n, k).transpose(1, 2);
      Tensor vector = Elementwise.empty(new int[] {2, m, n}, a.dtype(), a.device());
      Tensor scalar = Elementwise.empty(new int[] {2, m, n}, a.dtype(), a.device());
      MatmulKernel.floatMatmul(FloatKernels.active(), a, b, vector);
      MatmulKernel.floatMatmul(FloatKernels.scalar(), a, b, scalar);
      assertThat(Arrays.equals(vector.toFloatArray(), scalar.toFloatArray())).isTrue();
      assertThat(vector.allclose(a.contiguous().matmul(b.contiguous()), 1e-5, 1e-5)).isTrue();
    }
  }

  /** The tiled copy of transposed sources (edges of partial tiles included) moves every element. */
  @ParameterizedTest
  @ValueSource(ints = {32, 33, 64, 1023})
  void transposedCopiesMoveEveryElementToItsPlace(int rows) {
    manualSeed(rows);
    for (int columns : new int[] {32, 47, 129}) {
      Tensor source = randn(columns, rows).t(); // [rows, columns], strides (1, rows)
      Tensor copy = source.contiguous();
      assertThat(copy.layout().isContiguous()).isTrue();
      float[] base = source.storage().data() instanceof float[] f ? f : null;
      float[] copied = copy.toFloatArray();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
          assertThat(copied[r * columns + c]).isEqualTo(base[c * rows + r]);
        }
      }
    }
  }
}
