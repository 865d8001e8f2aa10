/**
 * The peer implementations of the benchmark workloads (DJL with its PyTorch engine, ND4J),
 * compiled only with {@code -Ppeers} because their native jars weigh over a gigabyte.
 */
package io.jgrad.bench.peers;
