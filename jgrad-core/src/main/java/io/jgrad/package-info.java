/**
 * jgrad's tensor API: {@link io.jgrad.Tensor}, its dtypes, devices and shapes, the
 * PyTorch-identical random {@link io.jgrad.Generator}, and the static factories in {@link
 * io.jgrad.JGrad} that play the role of the {@code torch} namespace. Start with {@code import
 * static io.jgrad.JGrad.*;}.
 */
package io.jgrad;
