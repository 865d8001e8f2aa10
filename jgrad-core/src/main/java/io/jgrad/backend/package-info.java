/**
 * The backend SPI: storage buffers, strided layouts and the kernels a device must provide. The CPU
 * backend is built in; others (CUDA) are found at run time through {@code BackendProvider}.
 */
package io.jgrad.backend;
