package io.jgrad.backend.cuda;

import static io.jgrad.JGrad.randn;
import static io.jgrad.JGrad.tensor;
import static io.jgrad.JGrad.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Generator;
import io.jgrad.Tensor;
import io.jgrad.backend.Backends;
import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.UnaryOp;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The backend contract on a real GPU, differentially against the CPU backend in one JVM: every op
 * on cuda:0 must give the CPU's values within float tolerance. Reported as skipped, with the "CUDA
 * not available: ..." reason, on machines without a driver.
 */
@Tag("cuda")
class CudaBackendTest {
  private static final Device CUDA = Device.of("cuda:0");

  /** Per test, so that each one is reported as skipped with the reason (never as passed). */
  @BeforeEach
  void requireCuda() {
    assumeTrue(CudaBackend.isAvailable(), CudaBackend.unavailableReason().orElse(""));
  }

  private static Tensor sample(long seed, int... shape) {
    return randn(new Generator().manualSeed(seed), shape);
  }

  /** {@code f} on the CPU and on the GPU agree; the GPU result is on the GPU. */
  private static void agrees(UnaryOperator<Tensor> f, Tensor input, double tolerance) {
    Tensor expected = f.apply(input);
    Tensor actual = f.apply(input.to(CUDA));
    assertThat(actual.device()).isEqualTo(CUDA);
    assertThat(actual.dtype()).isEqualTo(expected.dtype());
    assertThat(actual.shape()).isEqualTo(expected.shape());
    double[] e = expected.toDoubleArray();
    double[] a = actual.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      if (Double.isNaN(e[i])) {
        assertThat(a[i]).as("element %s", i).isNaN();
      } else {
        assertThat(a[i])
            .as("element %s", i)
            .isCloseTo(e[i], org.assertj.core.data.Offset.offset(tolerance * (1 + Math.abs(e[i]))));
      }
    }
  }

  @Test
  void roundTripKeepsValuesAndDtypes() {
    for (DType dtype : DType.values()) {
      Tensor x = tensor(new float[] {0, 1, 2, 3, 4, 5}, 2, 3).to(dtype);
      Tensor back = x.to(CUDA).to(Device.CPU);
      assertThat(back.dtype()).isEqualTo(dtype);
      assertThat(back.toDoubleArray()).containsExactly(x.toDoubleArray());
    }
    assertThat(tensor(1.5f, 2.5f).to(CUDA).sum().item()).isEqualTo(4.0);
  }

  @Test
  void printingSynchronisesAndNamesTheDevice() {
    assertThat(tensor(1f, 2f).to(CUDA).toString()).isEqualTo("tensor([1., 2.], device='cuda:0')");
  }

  @Test
  void everyUnaryOpMatchesTheCpu() {
    Tensor x = sample(1, 4, 5).mul(2);
    for (UnaryOp op : UnaryOp.values()) {
      Tensor input =
          op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RSQRT || op == UnaryOp.LOG1P
              ? x.abs().add(0.1)
              : x;
      agrees(t -> io.jgrad.ops.Elementwise.unary(op, t), input, 1e-5);
    }
  }

  @Test
  void binaryOpsBroadcastAndFollowStrides() {
    Tensor a = sample(2, 3, 4);
    Tensor b = sample(3, 4).abs().add(0.5);
    for (BinaryOp op : BinaryOp.values()) {
      Tensor bb = b.to(CUDA);
      Tensor expected = io.jgrad.ops.Elementwise.binary(op, a, b);
      Tensor actual = io.jgrad.ops.Elementwise.binary(op, a.to(CUDA), bb);
      assertThat(actual.allclose(expected.to(CUDA), 1e-5, 1e-5)).as(op.name()).isTrue();
    }
    agrees(t -> t.t().add(t.t()).mul(3), sample(4, 5, 6), 1e-6);
  }

  @Test
  void comparisonsWhereAndInPlaceOps() {
    agrees(t -> t.gt(0.1), sample(5, 10), 0);
    agrees(t -> where(t.lt(0), t, t.mul(2)), sample(6, 3, 3), 1e-6);
    agrees(t -> t.clone().add_(1).mul_(t), sample(7, 8), 1e-6);
    agrees(t -> t.to(DType.INT64).to(DType.FLOAT32), sample(8, 6).mul(10), 0);
  }

  @Test
  void reductionsOverAnyDimensions() {
    Tensor x = sample(9, 4, 5, 6);
    agrees(Tensor::sum, x, 1e-5);
    agrees(t -> t.sum(1), x, 1e-5);
    agrees(t -> t.mean(new int[] {0, 2}, true), x, 1e-5);
    agrees(t -> t.amax(new int[] {2}, false), x, 0);
    agrees(t -> t.argmax(1), x, 0);
    agrees(t -> t.argmin(0), x, 0);
    agrees(t -> t.var(), x, 1e-4);
    agrees(t -> t.sum(0), sample(10, 100_000), 1e-4);
  }

  @Test
  void softmaxAndLogSoftmax() {
    agrees(t -> t.softmax(1), sample(11, 7, 33), 1e-6);
    agrees(t -> t.logSoftmax(0), sample(12, 7, 33), 1e-5);
  }

  @Test
  void matmulThroughCublasIncludingTransposedOperands() {
    Tensor a = sample(13, 64, 48);
    Tensor b = sample(14, 48, 80);
    assertThat(a.to(CUDA).matmul(b.to(CUDA)).allclose(a.matmul(b).to(CUDA), 1e-4, 1e-4)).isTrue();
    assertThat(b.t().to(CUDA).mT().matmul(a.t().to(CUDA).mT()).shape())
        .isEqualTo(b.matmul(a).shape());
    agrees(t -> t.matmul(t.mT()), sample(15, 3, 20, 10), 1e-4);
  }

  @Test
  void indexingOpsAndBadIndexMessage() {
    Tensor x = sample(16, 5, 4);
    Tensor index = tensor(4L, 0L, 2L);
    agrees(t -> t.indexSelect(0, index.to(t.device())), x, 0);
    Tensor gatherIndex = tensor(new long[] {0, 3, 1, 1, 2, 0, 3, 3, 0, 2}, 5, 2);
    agrees(t -> t.gather(1, gatherIndex.to(t.device())), x, 0);
    agrees(
        t ->
            io.jgrad.JGrad.zeros(5, 4)
                .to(t.device())
                .scatterAdd(1, gatherIndex.to(t.device()), t.narrow(1, 0, 2)),
        x,
        1e-6);
    agrees(
        t ->
            io.jgrad.JGrad.zeros(5, 4)
                .to(t.device())
                .indexAdd(0, index.to(t.device()), t.narrow(0, 0, 3)),
        x,
        1e-6);
    assertThatThrownBy(() -> x.to(CUDA).indexSelect(0, tensor(7L).to(CUDA)))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index_select(): index 7 is out of bounds for dimension 0 with size 5");
  }

  @Test
  void gradientsFlowOnTheDevice() {
    Tensor w = sample(17, 3, 2).to(CUDA).requiresGrad_(true);
    Tensor x = sample(18, 4, 3).to(CUDA);
    x.matmul(w).relu().sum().backward();
    Tensor wc = sample(17, 3, 2).requiresGrad_(true);
    sample(18, 4, 3).matmul(wc).relu().sum().backward();
    assertThat(w.grad().device()).isEqualTo(CUDA);
    assertThat(w.grad().allclose(wc.grad().to(CUDA), 1e-5, 1e-5)).isTrue();
  }

  @Test
  void allocatorReusesFreedBlocksAndEmptiesItsCache() {
    CudaBackend backend = (CudaBackend) Backends.of(CUDA);
    backend.synchronize();
    long before = backend.memoryReserved();
    for (int i = 0; i < 50; i++) {
      backend.allocate(DType.FLOAT32, 1 << 20);
    }
    System.gc();
    backend.allocate(DType.FLOAT32, 1);
    assertThat(backend.memoryReserved()).isGreaterThanOrEqualTo(before);
    backend.emptyCache();
    assertThat(backend.memoryReserved())
        .isLessThanOrEqualTo(backend.memoryAllocated() + backend.memoryReserved());
    assertThat(backend.deviceName()).isNotBlank();
  }
}
