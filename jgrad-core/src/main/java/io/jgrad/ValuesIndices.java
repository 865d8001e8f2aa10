package io.jgrad;

/**
 * The pair PyTorch's {@code max(dim)}, {@code min(dim)}, {@code sort} and {@code topk} return.
 *
 * <p>{@code var r = x.max(1); r.values(); r.indices();}
 *
 * @param values the selected values
 * @param indices their int64 positions along the reduced dimension
 */
public record ValuesIndices(Tensor values, Tensor indices) {}
