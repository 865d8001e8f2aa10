/**
 * The pure-Java CPU backend: strided loops over primitive arrays, specialised per dtype, with
 * reductions, matrix products, softmax and index kernels.
 */
package io.jgrad.backend.cpu;
