/**
 * Reverse-mode automatic differentiation on a dynamic tape, as PyTorch's autograd: graph nodes,
 * saved tensors with version checks, per-thread grad mode, the backward engine and {@code
 * gradcheck}.
 */
package io.jgrad.autograd;
