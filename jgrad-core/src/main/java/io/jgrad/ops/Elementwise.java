package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Tensor;
import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.GradMode;
import io.jgrad.autograd.SavedTensor;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;
import java.util.Arrays;

/**
 * Elementwise ops with broadcasting, type promotion and their derivatives.
 *
 * <p>Reached through {@code Tensor} methods: {@code a.mul(b)} calls {@code Elementwise.binary(MUL,
 * a, b)}.
 */
public final class Elementwise {
  private Elementwise() {}

  // ---- allocation helpers ---------------------------------------------------------------------

  /** A new zero-filled contiguous tensor. */
  public static Tensor empty(int[] shape, DType dtype, Device device) {
    Storage storage = io.jgrad.backend.Backends.of(device).allocate(dtype, Shapes.numel(shape));
    return Tensor.fromStorage(storage, Layout.contiguous(shape));
  }

  /**
   * A new contiguous tensor whose contents are unspecified: only for results that the next kernel
   * call writes in full (elementwise outputs, copies, matrix products).
   */
  public static Tensor uninitialized(int[] shape, DType dtype, Device device) {
    Storage storage =
        io.jgrad.backend.Backends.of(device).allocateUninitialized(dtype, Shapes.numel(shape));
    return Tensor.fromStorage(storage, Layout.contiguous(shape));
  }

  /**
   * {@link #uninitialized} shaped like {@code like}, sharing its layout object when that is already
   * the contiguous layout: results of small ops then allocate no shape or stride arrays.
   */
  static Tensor uninitializedLike(Tensor like, DType dtype) {
    Layout layout = like.layout();
    if (!layout.isContiguous() || layout.offset() != 0) {
      return uninitialized(layout.shape(), dtype, like.device());
    }
    Storage storage =
        io.jgrad.backend.Backends.of(like.device()).allocateUninitialized(dtype, layout.numel());
    return Tensor.fromStorage(storage, layout);
  }

  /** A tensor of ones shaped like {@code x}. */
  public static Tensor onesLike(Tensor x) {
    return full(x.layout().shape(), 1, x.dtype(), x.device());
  }

  /** A tensor of zeros shaped like {@code x}. */
  public static Tensor zerosLike(Tensor x) {
    return empty(x.layout().shape(), x.dtype(), x.device());
  }

  /** A tensor filled with {@code value}. */
  public static Tensor full(int[] shape, double value, DType dtype, Device device) {
    Tensor t = empty(shape, dtype, device);
    if (value != 0) {
      t.backend().fill(t, value);
    }
    return t;
  }

  /** A 0-d tensor holding {@code value}. */
  public static Tensor scalarTensor(double value, DType dtype, Device device) {
    return full(new int[0], value, dtype, device);
  }

  /** A contiguous copy with fresh storage and no history. */
  public static Tensor contiguousCopy(Tensor x) {
    Tensor out = uninitializedLike(x, x.dtype());
    x.backend().copy(x, out);
    return out;
  }

  /** Differentiable copy: {@code x.clone()}. */
  public static Tensor cloneTensor(Tensor x) {
    Tensor out = contiguousCopy(x);
    if (Autograd.needsGrad(x)) {
      Autograd.record(out, "CloneBackward0", (g, needs) -> new Tensor[] {g}, x);
    }
    return out;
  }

  /** Differentiable dtype conversion: {@code x.to(FLOAT64)}. */
  public static Tensor toDType(Tensor x, DType dtype) {
    if (x.dtype() == dtype) {
      return x;
    }
    Tensor out = uninitializedLike(x, dtype);
    x.backend().copy(x, out);
    if (dtype.isFloatingPoint() && Autograd.needsGrad(x)) {
      DType original = x.dtype();
      Autograd.record(out, "ToCopyBackward0", (g, needs) -> new Tensor[] {g.to(original)}, x);
    }
    return out;
  }

  // ---- type promotion -------------------------------------------------------------------------

  private static int category(DType t) {
    return t == DType.BOOL ? 0 : t.isFloatingPoint() ? 2 : 1;
  }

  /**
   * PyTorch's result type for two tensors: zero-dim tensors do not widen a dimensioned operand of
   * the same category.
   *
   * <p>{@code resultType(float32 [3], float64 0-d)} is float32.
   */
  public static DType resultType(Tensor a, Tensor b) {
    boolean aZero = a.dim() == 0;
    boolean bZero = b.dim() == 0;
    if (aZero != bZero) {
      Tensor dimensioned = aZero ? b : a;
      Tensor zero = aZero ? a : b;
      return category(zero.dtype()) > category(dimensioned.dtype())
          ? zero.dtype()
          : dimensioned.dtype();
    }
    return DType.promote(a.dtype(), b.dtype());
  }

  /** The dtype a Java number takes next to tensor {@code t}, as a Python scalar would. */
  public static DType scalarType(Tensor t, double value) {
    if (t.dtype().isFloatingPoint()) {
      return t.dtype();
    }
    boolean integral = value == Math.rint(value) && !Double.isInfinite(value);
    if (!integral) {
      return DType.FLOAT32;
    }
    return t.dtype() == DType.BOOL ? DType.INT64 : t.dtype();
  }

  private static void checkSameDevice(String op, Tensor a, Tensor b) {
    if (!a.device().equals(b.device())) {
      throw new IllegalArgumentException(
          op
              + ": Expected all tensors to be on the same device, but found at least two devices, "
              + a.device()
              + " and "
              + b.device()
              + "!");
    }
  }

  private static DType binaryResultType(BinaryOp op, DType promoted) {
    if ((op == BinaryOp.DIV || op == BinaryOp.ATAN2) && !promoted.isFloatingPoint()) {
      return DType.FLOAT32;
    }
    return promoted;
  }

  // ---- binary ---------------------------------------------------------------------------------

  /** {@code op(a, b)} with broadcasting and autograd. */
  public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
    checkSameDevice(op.opName(), a, b);
    return binary(op, a, b, binaryResultType(op, resultType(a, b)));
  }

  /** {@code op(a, value)}, the number typed like a Python scalar. */
  public static Tensor binary(BinaryOp op, Tensor a, double value) {
    DType dtype = binaryResultType(op, scalarType(a, value));
    if (dtype == a.dtype() && dtype.isFloatingPoint() && hasScalarBackward(op, value)) {
      return binaryWithNumber(op, a, value);
    }
    return binary(op, a, scalarTensor(value, dtype, a.device()), dtype);
  }

  private static boolean hasScalarBackward(BinaryOp op, double value) {
    return switch (op) {
      case ADD, SUB, MUL, DIV -> true;
      case POW -> value != 0; // PyTorch's zero-exponent gradient is zeros_like: the general path
      default -> false;
    };
  }

  /**
   * {@code op(a, value)} without wrapping the number in a tensor, for floating a of the result
   * dtype. The backward uses the number directly and saves only what it reads (a, for pow), as
   * PyTorch does for a Python-scalar operand.
   */
  private static Tensor binaryWithNumber(BinaryOp op, Tensor a, double value) {
    DType dtype = a.dtype();
    Tensor out = uninitializedLike(a, dtype);
    // The number as the kernel sees it: rounded to out's dtype, like a 0-d tensor of that dtype.
    double v = dtype == DType.FLOAT32 ? (float) value : value;
    out.backend().binaryScalar(op, a, v, false, out);
    if (Autograd.needsGrad(a)) {
      switch (op) {
        case ADD, SUB -> Autograd.record(out, op.backwardName(), (g, needs) -> new Tensor[] {g}, a);
        case MUL ->
            Autograd.record(out, op.backwardName(), (g, needs) -> new Tensor[] {g.mul(v)}, a);
        case DIV ->
            Autograd.record(out, op.backwardName(), (g, needs) -> new Tensor[] {g.div(v)}, a);
        default -> { // POW, v != 0: d a^v = v a^(v-1) da
          SavedTensor sa = SavedTensor.save(a, "PowBackward0");
          double vm1 = dtype == DType.FLOAT32 ? (double) ((float) v - 1f) : v - 1;
          Autograd.record(
              out,
              "PowBackward0",
              // a^1 is a exactly, so the copy pow(1) would make is skipped (x.pow(2) is common).
              (g, needs) -> new Tensor[] {powGrad(g, sa.get(), v, vm1)},
              new SavedTensor[] {sa},
              a);
        }
      }
    }
    return out;
  }

  /**
   * PyTorch's pow_backward, {@code grad * (v * a^(v-1))}. The factor is a fresh tensor nobody else
   * sees, so unless this backward is itself recorded (createGraph) the product is written into it
   * in place: one buffer instead of two (multiplication commutes bit for bit).
   */
  private static Tensor powGrad(Tensor g, Tensor a, double v, double vm1) {
    boolean recorded = GradMode.isEnabled();
    Tensor factor = vm1 == 1 ? a.mul(v) : recorded ? a.pow(vm1).mul(v) : a.pow(vm1).mul_(v);
    boolean inPlace =
        !recorded
            && factor.dtype() == g.dtype()
            && Arrays.equals(factor.layout().shape(), g.layout().shape());
    return inPlace ? factor.mul_(g) : g.mul(factor);
  }

  /** {@code op(value, b)}, e.g. {@code 2 - x}. */
  public static Tensor binary(BinaryOp op, double value, Tensor b) {
    DType dtype = binaryResultType(op, scalarType(b, value));
    return binary(op, scalarTensor(value, dtype, b.device()), b, dtype);
  }

  private static Tensor binary(BinaryOp op, Tensor a, Tensor b, DType dtype) {
    int[] shape = Shapes.broadcast(op.opName(), a.layout().shape(), b.layout().shape());
    Tensor out =
        shape == a.layout().shape()
            ? uninitializedLike(a, dtype)
            : shape == b.layout().shape()
                ? uninitializedLike(b, dtype)
                : uninitialized(shape, dtype, a.device());
    Tensor ac = a.dtype() == dtype ? a : toDType(a.detach(), dtype);
    Tensor bc = b.dtype() == dtype ? b : toDType(b.detach(), dtype);
    out.backend().binary(op, expandLayout(ac, shape), expandLayout(bc, shape), out);
    if (Autograd.needsGrad(a, b)) {
      recordBinary(op, a, b, out);
    }
    return out;
  }

  private static Tensor expandLayout(Tensor t, int[] shape) {
    if (java.util.Arrays.equals(t.layout().shape(), shape)) {
      return t;
    }
    return t.asStrided(t.layout().broadcastTo(shape));
  }

  private static void recordBinary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    int[] aShape = a.layout().shape();
    int[] bShape = b.layout().shape();
    DType aType = a.dtype();
    DType bType = b.dtype();
    String name = op.backwardName();
    SavedTensor sa = SavedTensor.save(a, name);
    SavedTensor sb = SavedTensor.save(b, name);
    SavedTensor so = SavedTensor.save(out, name);
    if (op == BinaryOp.POW && b.dim() == 0 && !b.requiresGrad()) {
      name = "PowBackward0";
    }
    Autograd.record(
        out,
        name,
        (g, needs) -> {
          Tensor ga = null;
          Tensor gb = null;
          switch (op) {
            case ADD -> {
              ga = g;
              gb = g;
            }
            case SUB -> {
              ga = g;
              gb = needs[1] ? g.neg() : null;
            }
            case MUL -> { // d(ab) = b da + a db
              ga = needs[0] ? mulGradient(g, sb.get(), aShape) : null;
              gb = needs[1] ? mulGradient(g, sa.get(), bShape) : null;
            }
            case DIV -> { // d(a/b) = da/b - a db/b^2
              Tensor bv = sb.get();
              ga = needs[0] ? g.div(bv) : null;
              gb = needs[1] ? g.neg().mul(sa.get()).div(bv.mul(bv)) : null;
            }
            case POW -> { // d(a^b) = b a^(b-1) da + a^b ln(a) db
              Tensor av = sa.get();
              Tensor bv = sb.get();
              if (needs[0]) {
                Tensor base = av.pow(bv.sub(1.0)).mul(bv);
                ga = g.mul(base.maskedFill(bv.eq(0.0), 0.0));
              }
              if (needs[1]) {
                // PyTorch masks the a == 0, b >= 0 case to 0 rather than 0 * -inf = NaN.
                Tensor logA = av.log().mul(so.get());
                gb = g.mul(logA.maskedFill(av.eq(0.0).logicalAnd(bv.ge(0.0)), 0.0));
              }
            }
            case MAXIMUM, MINIMUM -> { // the gradient goes to the winner, split evenly on ties
              Tensor av = sa.get();
              Tensor bv = sb.get();
              Tensor aWins = op == BinaryOp.MAXIMUM ? av.gt(bv) : av.lt(bv);
              Tensor tie = av.eq(bv);
              Tensor aShare = aWins.to(g.dtype()).add(tie.to(g.dtype()).mul(0.5));
              ga = needs[0] ? g.mul(aShare) : null;
              gb = needs[1] ? g.mul(aShare.neg().add(1.0)) : null;
            }
            case ATAN2 -> { // d atan2(a, b) = (b da - a db) / (a^2 + b^2)
              Tensor av = sa.get();
              Tensor bv = sb.get();
              Tensor denominator = av.mul(av).add(bv.mul(bv));
              ga = needs[0] ? g.mul(bv).div(denominator) : null;
              gb = needs[1] ? g.mul(av.neg()).div(denominator) : null;
            }
            case REMAINDER -> { // a - floor(a/b) b
              ga = g;
              gb = needs[1] ? g.neg().mul(sa.get().div(sb.get()).floor()) : null;
            }
          }
          return new Tensor[] {
            ga == null ? null : reduceGrad(ga, aShape, aType),
            gb == null ? null : reduceGrad(gb, bShape, bType)
          };
        },
        new SavedTensor[] {sa, sb, so},
        a,
        b);
  }

  /**
   * {@code g * other}, for an input of shape {@code inputShape}: when that input is a scalar the
   * product is summed right away, and the backend may fuse the two (the seeds' {@code b * x} with a
   * 0-d {@code b}) instead of materialising {@code g * other}. Same bits either way.
   */
  private static Tensor mulGradient(Tensor g, Tensor other, int[] inputShape) {
    if (inputShape.length == 0
        && !io.jgrad.autograd.GradMode.isEnabled()
        && g.dtype() == other.dtype()
        && g.device().equals(other.device())) {
      Tensor out = uninitialized(inputShape, g.dtype(), g.device());
      if (g.backend().sumOfProducts(g, other, out)) {
        return out;
      }
    }
    return g.mul(other);
  }

  /** Sums a broadcast gradient back to an input's shape and dtype. */
  public static Tensor reduceGrad(Tensor grad, int[] shape, DType dtype) {
    Tensor g = Shapes.sumTo(grad, shape);
    return g.dtype() == dtype || !dtype.isFloatingPoint() ? g : g.to(dtype);
  }

  /**
   * In-place {@code self = op(self, other)}: a direct kernel write when no history is recorded,
   * PyTorch's history rebase otherwise.
   */
  public static Tensor binaryInPlace(BinaryOp op, Tensor self, Tensor other) {
    checkSameDevice(op.opName() + "_", self, other);
    if (!Autograd.needsGrad(self, other)
        && Shapes.canExpand(other.layout().shape(), self.layout().shape())
        && binaryResultType(op, resultType(self, other)) == self.dtype()) {
      Tensor o = other.dtype() == self.dtype() ? other : toDType(other, self.dtype());
      if (self.storage() == o.storage()) {
        o = contiguousCopy(o); // reading what we are overwriting needs a snapshot
      }
      self.backend().binary(op, self, expandLayout(o, self.layout().shape()), self);
      self.bumpVersion();
      return self;
    }
    return self.applyInPlace(op.opName(), s -> binary(op, s, other));
  }

  /** In-place {@code self = op(self, value)}. */
  public static Tensor binaryInPlace(BinaryOp op, Tensor self, double value) {
    if (self.dtype().isFloatingPoint()
        && !Autograd.needsGrad(self)
        && binaryResultType(op, scalarType(self, value)) == self.dtype()) {
      double v = self.dtype() == DType.FLOAT32 ? (float) value : value;
      self.backend().binaryScalar(op, self, v, false, self);
      self.bumpVersion();
      return self;
    }
    // Typed like a Python scalar, so int_tensor.add_(2.5) fails as in PyTorch instead of
    // truncating.
    return binaryInPlace(op, self, scalarTensor(value, scalarType(self, value), self.device()));
  }

  // ---- unary ----------------------------------------------------------------------------------

  /** {@code op(x)} with autograd; integer inputs of float-valued ops become float32. */
  public static Tensor unary(UnaryOp op, Tensor x) {
    DType dtype = x.dtype().isFloatingPoint() || op.preservesIntegers() ? x.dtype() : DType.FLOAT32;
    Tensor input = x.dtype() == dtype ? x : toDType(x.detach(), dtype);
    Tensor out = uninitializedLike(x, dtype);
    out.backend().unary(op, input, out);
    if (Autograd.needsGrad(x)) {
      recordUnary(op, x, out);
    }
    return out;
  }

  private static void recordUnary(UnaryOp op, Tensor x, Tensor out) {
    String name = op.backwardName();
    SavedTensor sx = SavedTensor.save(x, name);
    SavedTensor so = SavedTensor.save(out, name);
    Autograd.record(
        out,
        name,
        (g, needs) -> {
          Tensor grad =
              switch (op) {
                case NEG -> g.neg();
                case EXP -> g.mul(so.get()); // d e^x = e^x dx
                case LOG -> g.div(sx.get()); // d ln x = dx / x
                case LOG1P -> g.div(sx.get().add(1.0));
                case EXPM1 -> g.mul(so.get().add(1.0));
                case SQRT -> g.div(so.get().mul(2.0)); // d sqrt x = dx / (2 sqrt x)
                case RSQRT -> { // d x^-1/2 = -1/2 x^-3/2 dx
                  Tensor r = so.get();
                  yield g.mul(r.mul(r).mul(r)).mul(-0.5);
                }
                case RECIPROCAL -> { // d 1/x = -dx / x^2
                  Tensor r = so.get();
                  yield g.mul(r.mul(r)).neg();
                }
                case ABS -> g.mul(sx.get().sign());
                case SIGN, FLOOR, CEIL, ROUND -> zerosLike(g);
                case SIN -> g.mul(sx.get().cos());
                case COS -> g.mul(sx.get().sin()).neg();
                case TANH -> { // d tanh x = (1 - tanh^2 x) dx
                  Tensor t = so.get();
                  yield g.mul(t.mul(t).neg().add(1.0));
                }
                case SIGMOID -> { // d s(x) = s(x)(1 - s(x)) dx
                  Tensor s = so.get();
                  yield g.mul(s.mul(s.neg().add(1.0)));
                }
                // PyTorch's threshold_backward on the output: a select, not a product, so an
                // infinite gradient does not become NaN.
                case RELU -> thresholdBackward(g, so.get(), 0.0);
                case ERF -> { // d erf x = 2/sqrt(pi) e^(-x^2) dx
                  Tensor v = sx.get();
                  yield g.mul(v.mul(v).neg().exp().mul(2.0 / Math.sqrt(Math.PI)));
                }
              };
          return new Tensor[] {grad};
        },
        new SavedTensor[] {sx, so},
        x);
  }

  /**
   * PyTorch's threshold_backward: {@code self <= threshold ? 0 : grad}, so a NaN in self passes the
   * gradient. One pass on the backend, or a differentiable select when the backward is itself
   * recorded (createGraph).
   *
   * <p>{@code Elementwise.thresholdBackward(g, reluOutput, 0.0)}.
   */
  public static Tensor thresholdBackward(Tensor grad, Tensor self, double threshold) {
    if (Autograd.needsGrad(grad, self)) {
      return where(self.le(threshold), scalarTensor(0, grad.dtype(), grad.device()), grad);
    }
    int[] shape = self.layout().shape();
    Tensor out = uninitialized(shape, grad.dtype(), grad.device());
    out.backend().thresholdBackward(expandLayout(grad, shape), self, threshold, out);
    return out;
  }

  // ---- comparison, selection ------------------------------------------------------------------

  /** {@code op(a, b)} as a bool tensor, with broadcasting. */
  public static Tensor compare(CompareOp op, Tensor a, Tensor b) {
    checkSameDevice(op.opName(), a, b);
    DType common = resultType(a, b);
    int[] shape = Shapes.broadcast(op.opName(), a.layout().shape(), b.layout().shape());
    Tensor out = empty(shape, DType.BOOL, a.device());
    Tensor ac = toDType(a.detach(), common);
    Tensor bc = toDType(b.detach(), common);
    out.backend().compare(op, expandLayout(ac, shape), expandLayout(bc, shape), out);
    return out;
  }

  /** {@code op(a, value)} as a bool tensor. */
  public static Tensor compare(CompareOp op, Tensor a, double value) {
    return compare(op, a, scalarTensor(value, scalarType(a, value), a.device()));
  }

  /** {@code condition ? a : b} elementwise, with broadcasting; differentiable in a and b. */
  public static Tensor where(Tensor condition, Tensor a, Tensor b) {
    Checks.checkArgument(
        condition.dtype() == DType.BOOL,
        "where expected condition to be a boolean tensor, but got a tensor with dtype %s",
        condition.dtype());
    checkSameDevice("where", a, b);
    DType dtype = resultType(a, b);
    int[] shape =
        Shapes.broadcast(
            "where",
            condition.layout().shape(),
            Shapes.broadcast("where", a.layout().shape(), b.layout().shape()));
    Tensor out = uninitialized(shape, dtype, a.device());
    out.backend()
        .where(
            expandLayout(condition, shape),
            expandLayout(toDType(a.detach(), dtype), shape),
            expandLayout(toDType(b.detach(), dtype), shape),
            out);
    if (Autograd.needsGrad(a, b)) {
      int[] aShape = a.layout().shape();
      int[] bShape = b.layout().shape();
      DType aType = a.dtype();
      DType bType = b.dtype();
      Autograd.record(
          out,
          "WhereBackward0",
          (g, needs) -> {
            Tensor zero = scalarTensor(0, g.dtype(), g.device());
            return new Tensor[] {
              needs[0] ? reduceGrad(where(condition, g, zero), aShape, aType) : null,
              needs[1] ? reduceGrad(where(condition, zero, g), bShape, bType) : null
            };
          },
          a,
          b);
    }
    return out;
  }

  /** {@code x} with elements where {@code mask} is true replaced by {@code value}. */
  public static Tensor maskedFill(Tensor x, Tensor mask, double value) {
    Checks.checkArgument(
        mask.dtype() == DType.BOOL,
        "masked_fill_ only supports boolean masks, but got mask with dtype %s",
        mask.dtype());
    if (!Shapes.canExpand(mask.layout().shape(), x.layout().shape())) {
      throw new IllegalArgumentException(
          "masked_fill: mask of shape "
              + Shapes.format(mask.layout().shape())
              + " cannot be broadcast to tensor of shape "
              + Shapes.format(x.layout().shape()));
    }
    Tensor out;
    try (var noGrad = io.jgrad.autograd.GradMode.noGrad()) {
      out = where(mask, scalarTensor(value, x.dtype(), x.device()), x);
    }
    if (Autograd.needsGrad(x)) {
      Autograd.record(
          out,
          "MaskedFillBackward0",
          (g, needs) -> new Tensor[] {where(mask, scalarTensor(0, g.dtype(), g.device()), g)},
          x);
    }
    return out;
  }

  /** {@code min(max(x, min), max)}; the gradient flows where x is inside the bounds. */
  public static Tensor clamp(Tensor x, double min, double max) {
    Tensor lower = compare(CompareOp.GE, x, min);
    Tensor upper = compare(CompareOp.LE, x, max);
    Tensor inside =
        binary(BinaryOp.MUL, lower.to(DType.INT64), upper.to(DType.INT64)).to(DType.BOOL);
    Tensor clamped = contiguousCopy(x);
    Tensor minT = scalarTensor(min, x.dtype(), x.device());
    Tensor maxT = scalarTensor(max, x.dtype(), x.device());
    Tensor low = binary(BinaryOp.MAXIMUM, clamped, minT);
    Tensor result = binary(BinaryOp.MINIMUM, low, maxT);
    if (Double.isNaN(min) || Double.isNaN(max)) {
      result = full(x.layout().shape(), Double.NaN, x.dtype(), x.device());
    }
    if (Autograd.needsGrad(x)) {
      Autograd.record(
          result,
          "ClampBackward1",
          (g, needs) -> new Tensor[] {where(inside, g, scalarTensor(0, g.dtype(), g.device()))},
          x);
    }
    return result;
  }
}
