/**
 * Operator implementations behind the {@code Tensor} methods: shape, dtype and broadcasting rules
 * live here once, together with each op's derivative, written with public tensor ops so every
 * backend gets gradients for free. Kernels are reached through the backend SPI.
 */
package io.jgrad.ops;
