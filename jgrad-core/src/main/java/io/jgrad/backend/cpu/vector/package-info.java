/**
 * All of jgrad's Vector API ({@code jdk.incubator.vector}) code, in one place so that it is loaded
 * only when the incubator module is readable: the backend selects these kernels by name and falls
 * back to their scalar twins otherwise.
 */
package io.jgrad.backend.cpu.vector;
