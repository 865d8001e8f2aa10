/**
 * The NVIDIA GPU backend: hand-written Foreign Function &amp; Memory bindings to the CUDA driver,
 * NVRTC and cuBLAS, a caching device allocator, and CUDA C kernels compiled at first use.
 *
 * <p>Found at run time through {@code META-INF/services}; nothing here is required by the rest of
 * jgrad, and every class loads on machines without a driver. See {@code docs/CUDA.md}.
 */
package io.jgrad.backend.cuda;
