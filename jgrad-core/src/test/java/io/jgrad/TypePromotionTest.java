package io.jgrad;

import static io.jgrad.JGrad.scalar;
import static io.jgrad.JGrad.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Result dtypes follow torch.result_type, including Python-scalar and 0-d tensor rules. */
class TypePromotionTest {

  @Test
  void int64PlusFloat32IsFloat32() {
    assertThat(tensor(1L, 2L).add(tensor(0.5f, 0.5f)).dtype()).isEqualTo(DType.FLOAT32);
  }

  @Test
  void float32PlusFloat64IsFloat64() {
    assertThat(tensor(1f).add(tensor(1.0)).dtype()).isEqualTo(DType.FLOAT64);
  }

  @Test
  void doubleScalarDoesNotPromoteFloat32() {
    Tensor r = tensor(1f, 2f).mul(0.1);
    assertThat(r.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(r.toFloatArray()).containsExactly(0.1f, 0.2f);
  }

  @Test
  void intTensorTimesFractionalScalarIsFloat32() {
    Tensor r = tensor(1L, 3L).mul(2.5);
    assertThat(r.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(r.toFloatArray()).containsExactly(2.5f, 7.5f);
    assertThat(tensor(1L, 3L).mul(2.0).dtype()).isEqualTo(DType.INT64);
  }

  @Test
  void intDivisionIsTrueDivisionInFloat32() {
    Tensor r = tensor(1L, 3L).div(tensor(2L, 2L));
    assertThat(r.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(r.toFloatArray()).containsExactly(0.5f, 1.5f);
  }

  @Test
  void comparisonsGiveBool() {
    assertThat(tensor(1f, 2f).lt(tensor(2.0, 2.0)).dtype()).isEqualTo(DType.BOOL);
    assertThat(tensor(1L).eq(1.0).dtype()).isEqualTo(DType.BOOL);
    assertThat(tensor(1f, 2f).ge(1.5).toString()).isEqualTo("tensor([False,  True])");
  }

  @Test
  void zeroDimTensorDoesNotPromoteDimensionedTensorOfSameCategory() {
    assertThat(tensor(1f, 2f).add(scalar(1.0)).dtype()).isEqualTo(DType.FLOAT32);
    assertThat(scalar(1.0).add(tensor(1f, 2f)).dtype()).isEqualTo(DType.FLOAT32);
    // a higher category still wins: float 0-d with an int tensor gives the float's type
    assertThat(tensor(1L, 2L).add(scalar(1.5)).dtype()).isEqualTo(DType.FLOAT64);
    assertThat(tensor(1L, 2L).add(scalar(1.5f)).dtype()).isEqualTo(DType.FLOAT32);
  }

  @Test
  void unaryFloatOpsPromoteIntegers() {
    assertThat(tensor(1L, 2L).exp().dtype()).isEqualTo(DType.FLOAT32);
    assertThat(tensor(-1L, 2L).abs().dtype()).isEqualTo(DType.INT64);
  }

  @Test
  void integerSumsAreInt64AndMeanOfIntegersIsRejected() {
    assertThat(tensor(true, true, false).sum().item()).isEqualTo(2.0);
    assertThat(tensor(true, true, false).sum().dtype()).isEqualTo(DType.INT64);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tensor(1L, 2L).mean())
        .hasMessageContaining("mean(): could not infer output dtype");
  }
}
