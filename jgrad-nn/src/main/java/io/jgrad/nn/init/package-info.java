/**
 * Parameter initialisation, as PyTorch's {@code torch.nn.init}: the same formulas and the same
 * order of random draws, so with the same seed a jgrad layer starts with PyTorch's exact values.
 */
package io.jgrad.nn.init;
