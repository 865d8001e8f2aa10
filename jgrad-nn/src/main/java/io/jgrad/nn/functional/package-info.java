/**
 * Stateless functions behind the layers and losses, as PyTorch's {@code torch.nn.functional}:
 * {@code F.relu(x)}, {@code F.crossEntropy(logits, target)}. Each is built from core tensor ops, so
 * gradients come from core's autograd.
 */
package io.jgrad.nn.functional;
