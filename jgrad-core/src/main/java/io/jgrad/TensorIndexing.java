package io.jgrad;

import io.jgrad.autograd.Autograd;
import io.jgrad.ops.Elementwise;
import io.jgrad.ops.Indexing;

/**
 * Index-based ops and in-place fills of {@link Tensor}.
 *
 * <p>{@code logProbs.gather(1, target.unsqueeze(1))}; {@code x.maskedFill(x.lt(0), 0)}.
 */
public sealed interface TensorIndexing permits Tensor {
  private Tensor self() {
    return (Tensor) this;
  }

  /** Slices along {@code dim} at the 1-d int64 {@code index}. */
  default Tensor indexSelect(int dim, Tensor index) {
    return Indexing.indexSelect(self(), dim, index);
  }

  /** {@code out[i][j] = this[i][index[i][j]]} for dim 1. */
  default Tensor gather(int dim, Tensor index) {
    return Indexing.gather(self(), dim, index);
  }

  /** A copy with {@code src} added at {@code index} along {@code dim}. */
  default Tensor scatterAdd(int dim, Tensor index, Tensor src) {
    return Indexing.scatterAdd(self(), dim, index, src);
  }

  /** A copy with slices of {@code src} added at the 1-d {@code index} along {@code dim}. */
  default Tensor indexAdd(int dim, Tensor index, Tensor src) {
    return Indexing.indexAdd(self(), dim, index, src);
  }

  /** A copy with elements where {@code mask} is true set to {@code value}. */
  default Tensor maskedFill(Tensor mask, double value) {
    return Elementwise.maskedFill(self(), mask, value);
  }

  /** In place {@code maskedFill}. */
  default Tensor maskedFill_(Tensor mask, double value) {
    return self().applyInPlace("masked_fill", s -> Elementwise.maskedFill(s, mask, value));
  }

  /**
   * Copies {@code src} (broadcast to this shape, any dtype) into this tensor; under autograd the
   * old contents get no gradient and {@code src} gets the incoming one (PyTorch's CopyBackwards).
   */
  default Tensor copy_(Tensor src) {
    Tensor self = self();
    return self.applyInPlace(
        "copy",
        s -> {
          Tensor value =
              Elementwise.contiguousCopy(
                  src.detach().to(self.device()).expand(self.layout().shape()).to(self.dtype()));
          if (Autograd.needsGrad(s, src)) {
            int[] srcShape = src.layout().shape();
            DType srcType = src.dtype();
            Device srcDevice = src.device();
            Autograd.record(
                value,
                "CopyBackwards",
                (g, needs) ->
                    new Tensor[] {
                      needs[0] ? Elementwise.zerosLike(g) : null,
                      needs[1] ? Elementwise.reduceGrad(g, srcShape, srcType).to(srcDevice) : null
                    },
                s,
                src);
          }
          return value;
        });
  }

  /** Sets every element to {@code value}; under autograd the old contents get no gradient. */
  default Tensor fill_(double value) {
    Tensor self = self();
    if (!Autograd.needsGrad(self)) {
      self.backend().fill(self, value);
      self.bumpVersion();
      return self;
    }
    return self.applyInPlace(
        "fill",
        s -> {
          Tensor filled =
              Elementwise.full(self.layout().shape(), value, self.dtype(), self.device());
          Autograd.record(
              filled, "FillBackward0", (g, needs) -> new Tensor[] {Elementwise.zerosLike(g)}, s);
          return filled;
        });
  }

  /**
   * Sets every element to zero.
   *
   * <p>{@code w.grad().zero_()}.
   */
  default Tensor zero_() {
    return fill_(0);
  }

  /** Fills with uniform samples from {@code [from, to)} drawn from the default generator. */
  default Tensor uniform_(double from, double to) {
    return Random.uniform_(self(), from, to, Generator.defaultGenerator());
  }

  /** Fills with uniform samples drawn from {@code generator}. */
  default Tensor uniform_(double from, double to, Generator generator) {
    return Random.uniform_(self(), from, to, generator);
  }

  /** Fills with normal samples drawn from the default generator. */
  default Tensor normal_(double mean, double std) {
    return Random.normal_(self(), mean, std, Generator.defaultGenerator());
  }

  /** Fills with normal samples drawn from {@code generator}. */
  default Tensor normal_(double mean, double std, Generator generator) {
    return Random.normal_(self(), mean, std, generator);
  }

  /** Fills with 1 with probability {@code p}, else 0. */
  default Tensor bernoulli_(double p) {
    return Random.bernoulli_(self(), p, Generator.defaultGenerator());
  }

  /** Fills with Bernoulli samples drawn from {@code generator}. */
  default Tensor bernoulli_(double p, Generator generator) {
    return Random.bernoulli_(self(), p, generator);
  }
}
