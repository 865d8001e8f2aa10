package io.jgrad;

import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.CompareOp;
import io.jgrad.ops.Elementwise;
import io.jgrad.ops.LinearAlgebra;
import io.jgrad.ops.UnaryOp;

/**
 * Elementwise arithmetic, comparisons and matrix products of {@link Tensor}, with PyTorch's
 * broadcasting and type promotion. Numbers typed {@code double} act like Python scalars.
 *
 * <p>{@code a.add(b).mul(2).pow(2)}
 */
public sealed interface TensorMath permits Tensor {
  private Tensor self() {
    return (Tensor) this;
  }

  /**
   * {@code this + other}.
   *
   * <p>{@code ones(3, 1).add(ones(1, 3))} has shape [3, 3].
   */
  default Tensor add(Tensor other) {
    return Elementwise.binary(BinaryOp.ADD, self(), other);
  }

  /** {@code this + value}. */
  default Tensor add(double value) {
    return Elementwise.binary(BinaryOp.ADD, self(), value);
  }

  /** {@code this + alpha * other}, PyTorch's {@code add(other, alpha=...)}. */
  default Tensor add(Tensor other, double alpha) {
    return add(other.mul(alpha));
  }

  /** {@code this - other}. */
  default Tensor sub(Tensor other) {
    return Elementwise.binary(BinaryOp.SUB, self(), other);
  }

  /** {@code this - value}. */
  default Tensor sub(double value) {
    return Elementwise.binary(BinaryOp.SUB, self(), value);
  }

  /** {@code value - this} (PyTorch's {@code rsub}). */
  default Tensor rsub(double value) {
    return Elementwise.binary(BinaryOp.SUB, value, self());
  }

  /** {@code this * other}. */
  default Tensor mul(Tensor other) {
    return Elementwise.binary(BinaryOp.MUL, self(), other);
  }

  /** {@code this * value}. */
  default Tensor mul(double value) {
    return Elementwise.binary(BinaryOp.MUL, self(), value);
  }

  /** {@code this / other} (true division: integers give float32). */
  default Tensor div(Tensor other) {
    return Elementwise.binary(BinaryOp.DIV, self(), other);
  }

  /** {@code this / value}. */
  default Tensor div(double value) {
    return Elementwise.binary(BinaryOp.DIV, self(), value);
  }

  /** {@code value / this}. */
  default Tensor rdiv(double value) {
    return Elementwise.binary(BinaryOp.DIV, value, self());
  }

  /**
   * {@code this ** exponent}, elementwise with broadcasting.
   *
   * <p>{@code x.unsqueeze(-1).pow(p)}.
   */
  default Tensor pow(Tensor exponent) {
    return Elementwise.binary(BinaryOp.POW, self(), exponent);
  }

  /**
   * {@code this ** exponent}.
   *
   * <p>{@code (yPred.sub(y)).pow(2)}.
   */
  default Tensor pow(double exponent) {
    return Elementwise.binary(BinaryOp.POW, self(), exponent);
  }

  /** Python-style remainder (sign of the divisor). */
  default Tensor remainder(double divisor) {
    return Elementwise.binary(BinaryOp.REMAINDER, self(), divisor);
  }

  /** Elementwise maximum. */
  default Tensor maximum(Tensor other) {
    return Elementwise.binary(BinaryOp.MAXIMUM, self(), other);
  }

  /** Elementwise minimum. */
  default Tensor minimum(Tensor other) {
    return Elementwise.binary(BinaryOp.MINIMUM, self(), other);
  }

  /** {@code atan2(this, other)}. */
  default Tensor atan2(Tensor other) {
    return Elementwise.binary(BinaryOp.ATAN2, self(), other);
  }

  /** {@code -this}. */
  default Tensor neg() {
    return Elementwise.unary(UnaryOp.NEG, self());
  }

  /** {@code e^this}. */
  default Tensor exp() {
    return Elementwise.unary(UnaryOp.EXP, self());
  }

  /** Natural log. */
  default Tensor log() {
    return Elementwise.unary(UnaryOp.LOG, self());
  }

  /** {@code log(1 + this)}. */
  default Tensor log1p() {
    return Elementwise.unary(UnaryOp.LOG1P, self());
  }

  /** {@code e^this - 1}. */
  default Tensor expm1() {
    return Elementwise.unary(UnaryOp.EXPM1, self());
  }

  /** Square root. */
  default Tensor sqrt() {
    return Elementwise.unary(UnaryOp.SQRT, self());
  }

  /** {@code 1 / sqrt(this)}. */
  default Tensor rsqrt() {
    return Elementwise.unary(UnaryOp.RSQRT, self());
  }

  /** {@code 1 / this}. */
  default Tensor reciprocal() {
    return Elementwise.unary(UnaryOp.RECIPROCAL, self());
  }

  /** Absolute value. */
  default Tensor abs() {
    return Elementwise.unary(UnaryOp.ABS, self());
  }

  /** -1, 0 or 1. */
  default Tensor sign() {
    return Elementwise.unary(UnaryOp.SIGN, self());
  }

  /**
   * Sine.
   *
   * <p>{@code linspace(-Math.PI, Math.PI, 2000).sin()}.
   */
  default Tensor sin() {
    return Elementwise.unary(UnaryOp.SIN, self());
  }

  /** Cosine. */
  default Tensor cos() {
    return Elementwise.unary(UnaryOp.COS, self());
  }

  /** Hyperbolic tangent. */
  default Tensor tanh() {
    return Elementwise.unary(UnaryOp.TANH, self());
  }

  /** Logistic sigmoid. */
  default Tensor sigmoid() {
    return Elementwise.unary(UnaryOp.SIGMOID, self());
  }

  /** {@code max(this, 0)}. */
  default Tensor relu() {
    return Elementwise.unary(UnaryOp.RELU, self());
  }

  /** Gauss error function. */
  default Tensor erf() {
    return Elementwise.unary(UnaryOp.ERF, self());
  }

  /** Round down. */
  default Tensor floor() {
    return Elementwise.unary(UnaryOp.FLOOR, self());
  }

  /** Round up. */
  default Tensor ceil() {
    return Elementwise.unary(UnaryOp.CEIL, self());
  }

  /** Round half to even. */
  default Tensor round() {
    return Elementwise.unary(UnaryOp.ROUND, self());
  }

  /**
   * Clamps into {@code [min, max]}.
   *
   * <p>{@code x.clamp(0, 1)}.
   */
  default Tensor clamp(double min, double max) {
    return Elementwise.clamp(self(), min, max);
  }

  /** Clamps from below. */
  default Tensor clampMin(double min) {
    return Elementwise.clamp(self(), min, Double.POSITIVE_INFINITY);
  }

  /** Clamps from above. */
  default Tensor clampMax(double max) {
    return Elementwise.clamp(self(), Double.NEGATIVE_INFINITY, max);
  }

  /** {@code this == other} elementwise (bool). */
  default Tensor eq(Tensor other) {
    return Elementwise.compare(CompareOp.EQ, self(), other);
  }

  /** {@code this == value} elementwise (bool). */
  default Tensor eq(double value) {
    return Elementwise.compare(CompareOp.EQ, self(), value);
  }

  /** {@code this != other} (bool). */
  default Tensor ne(Tensor other) {
    return Elementwise.compare(CompareOp.NE, self(), other);
  }

  /** {@code this != value} (bool). */
  default Tensor ne(double value) {
    return Elementwise.compare(CompareOp.NE, self(), value);
  }

  /** {@code this < other} (bool). */
  default Tensor lt(Tensor other) {
    return Elementwise.compare(CompareOp.LT, self(), other);
  }

  /** {@code this < value} (bool). */
  default Tensor lt(double value) {
    return Elementwise.compare(CompareOp.LT, self(), value);
  }

  /** {@code this <= other} (bool). */
  default Tensor le(Tensor other) {
    return Elementwise.compare(CompareOp.LE, self(), other);
  }

  /** {@code this <= value} (bool). */
  default Tensor le(double value) {
    return Elementwise.compare(CompareOp.LE, self(), value);
  }

  /** {@code this > other} (bool). */
  default Tensor gt(Tensor other) {
    return Elementwise.compare(CompareOp.GT, self(), other);
  }

  /** {@code this > value} (bool). */
  default Tensor gt(double value) {
    return Elementwise.compare(CompareOp.GT, self(), value);
  }

  /** {@code this >= other} (bool). */
  default Tensor ge(Tensor other) {
    return Elementwise.compare(CompareOp.GE, self(), other);
  }

  /** {@code this >= value} (bool). */
  default Tensor ge(double value) {
    return Elementwise.compare(CompareOp.GE, self(), value);
  }

  /** Elementwise logical and of two tensors read as booleans. */
  default Tensor logicalAnd(Tensor other) {
    return Elementwise.binary(BinaryOp.MUL, self().ne(0.0), other.ne(0.0));
  }

  /** Elementwise logical or. */
  default Tensor logicalOr(Tensor other) {
    return Elementwise.binary(BinaryOp.ADD, self().ne(0.0), other.ne(0.0));
  }

  /** Elementwise logical not. */
  default Tensor logicalNot() {
    return self().eq(0.0);
  }

  /** Whether all elements are within {@code atol + rtol * |other|}, as {@code torch.allclose}. */
  default boolean allclose(Tensor other, double rtol, double atol) {
    double[] a = self().toDoubleArray();
    Tensor expanded = other.expand(self().layout().shape());
    double[] b = expanded.toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i])
          || Double.isNaN(b[i])
          || Math.abs(a[i] - b[i]) > atol + rtol * Math.abs(b[i])) {
        if (!(a[i] == b[i])) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether shapes and all elements are equal, as {@code torch.equal}. */
  default boolean equal(Tensor other) {
    return self().shape().equals(other.shape())
        && java.util.Arrays.equals(self().toDoubleArray(), other.toDoubleArray());
  }

  /**
   * Matrix product with PyTorch's rules.
   *
   * <p>{@code x.matmul(w.t())}.
   */
  default Tensor matmul(Tensor other) {
    return LinearAlgebra.matmul(self(), other);
  }

  /** 2-d matrix product. */
  default Tensor mm(Tensor other) {
    return LinearAlgebra.mm(self(), other);
  }

  /**
   * {@code this + mat1 mat2} with this broadcast to the product's shape: PyTorch's {@code addmm}
   * (beta = alpha = 1), the op behind a Linear layer with bias, in one node and one output buffer.
   *
   * <p>{@code bias.addmm(x, w.t())}.
   */
  default Tensor addmm(Tensor mat1, Tensor mat2) {
    return LinearAlgebra.addmm(self(), mat1, mat2);
  }

  /** Batched matrix product. */
  default Tensor bmm(Tensor other) {
    return LinearAlgebra.bmm(self(), other);
  }

  /** Matrix-vector product. */
  default Tensor mv(Tensor vector) {
    return LinearAlgebra.mv(self(), vector);
  }

  /**
   * Dot product of 1-d tensors.
   *
   * <p>{@code x.mul(2).dot(yHat.sub(y))}.
   */
  default Tensor dot(Tensor other) {
    return LinearAlgebra.dot(self(), other);
  }

  /** Outer product of 1-d tensors. */
  default Tensor outer(Tensor other) {
    return LinearAlgebra.outer(self(), other);
  }

  /**
   * In place {@code this += other}.
   *
   * <p>{@code buf.add_(grad)}.
   */
  default Tensor add_(Tensor other) {
    return Elementwise.binaryInPlace(BinaryOp.ADD, self(), other);
  }

  /** In place {@code this += value}. */
  default Tensor add_(double value) {
    return Elementwise.binaryInPlace(BinaryOp.ADD, self(), value);
  }

  /** In place {@code this += alpha * other}. */
  default Tensor add_(Tensor other, double alpha) {
    return Elementwise.binaryInPlace(BinaryOp.ADD, self(), other.mul(alpha));
  }

  /**
   * In place {@code this -= other}.
   *
   * <p>{@code try (var g = noGrad()) { w.sub_(w.grad().mul(lr)); }}
   */
  default Tensor sub_(Tensor other) {
    return Elementwise.binaryInPlace(BinaryOp.SUB, self(), other);
  }

  /** In place {@code this -= value}. */
  default Tensor sub_(double value) {
    return Elementwise.binaryInPlace(BinaryOp.SUB, self(), value);
  }

  /** In place {@code this *= other}. */
  default Tensor mul_(Tensor other) {
    return Elementwise.binaryInPlace(BinaryOp.MUL, self(), other);
  }

  /** In place {@code this *= value}. */
  default Tensor mul_(double value) {
    return Elementwise.binaryInPlace(BinaryOp.MUL, self(), value);
  }

  /** In place {@code this /= other}. */
  default Tensor div_(Tensor other) {
    return Elementwise.binaryInPlace(BinaryOp.DIV, self(), other);
  }

  /** In place {@code this /= value}. */
  default Tensor div_(double value) {
    return Elementwise.binaryInPlace(BinaryOp.DIV, self(), value);
  }

  /** In place {@code this = this ** exponent}. */
  default Tensor pow_(double exponent) {
    return Elementwise.binaryInPlace(BinaryOp.POW, self(), exponent);
  }

  /** In place clamp. */
  default Tensor clamp_(double min, double max) {
    return self().applyInPlace("clamp", s -> s.clamp(min, max));
  }

  /** In place negation. */
  default Tensor neg_() {
    return self().applyInPlace("neg", TensorMath::neg);
  }

  /** In place square root. */
  default Tensor sqrt_() {
    return self().applyInPlace("sqrt", TensorMath::sqrt);
  }

  /** In place exponential. */
  default Tensor exp_() {
    return self().applyInPlace("exp", TensorMath::exp);
  }

  /** In place {@code this += value * t1 * t2}. */
  default Tensor addcmul_(Tensor t1, Tensor t2, double value) {
    return add_(t1.mul(t2).mul(value));
  }

  /** In place {@code this += value * t1 / t2}. */
  default Tensor addcdiv_(Tensor t1, Tensor t2, double value) {
    return add_(t1.div(t2).mul(value));
  }

  /** In place linear interpolation {@code this += weight * (end - this)}. */
  default Tensor lerp_(Tensor end, double weight) {
    return add_(end.sub(self()).mul(weight));
  }
}
