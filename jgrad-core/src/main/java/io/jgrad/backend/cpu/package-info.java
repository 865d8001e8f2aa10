/**
 * The pure-Java CPU backend: strided kernels over primitive arrays, with fast paths for contiguous
 * float32 operands, a packed SGEMM, and a library-owned thread pool.
 *
 * <p>Hot float32 loops go through {@link io.jgrad.backend.cpu.FloatKernels}, implemented by a
 * scalar twin here and by Vector API code in {@code io.jgrad.backend.cpu.vector} when the {@code
 * jdk.incubator.vector} module is readable.
 */
package io.jgrad.backend.cpu;
