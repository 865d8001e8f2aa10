/**
 * Neural-network building blocks in PyTorch's {@code torch.nn} shape: {@link io.jgrad.nn.Module}
 * with parameter, buffer and submodule registration, {@link io.jgrad.nn.Parameter}, layers and
 * losses. Layers are written with core tensor operations only, so autograd and every backend work
 * without extra code.
 */
package io.jgrad.nn;
