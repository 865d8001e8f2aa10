/**
 * The {@code jgrad} command-line program: runnable reproductions of the seed notebooks' workflows,
 * each printing what its notebook printed.
 */
package io.jgrad.examples;
