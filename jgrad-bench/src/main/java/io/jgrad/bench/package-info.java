/**
 * The CPU speed benchmarks B1 to B5 of jgrad's "CPU speed" issue: the jgrad workloads, their JMH
 * wrappers, and {@link io.jgrad.bench.Compare}, which runs jgrad and the peers (DJL/libtorch, ND4J,
 * PyTorch from Python) in child processes and prints one table.
 *
 * <p>Peer implementations live in {@code src/peers/java} and compile only with {@code -Ppeers}.
 */
package io.jgrad.bench;
