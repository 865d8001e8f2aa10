package io.jgrad.autograd;

import io.jgrad.Tensor;

/**
 * The derivative of one op: from the output gradient to one gradient per input.
 *
 * <p>{@code (grad, needs) -> new Tensor[] {needs[0] ? grad.mul(b) : null, ...}}. Entries for inputs
 * whose {@code needs} flag is false may be null; others must have the input's shape.
 */
@FunctionalInterface
public interface BackwardFunction {
  /** Returns input gradients for {@code gradOutput}. */
  Tensor[] apply(Tensor gradOutput, boolean[] needsInputGrad);
}
