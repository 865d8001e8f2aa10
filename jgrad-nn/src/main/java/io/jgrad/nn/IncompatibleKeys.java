package io.jgrad.nn;

import java.util.List;

/**
 * The keys {@link Module#loadStateDict} could not match, as PyTorch's {@code _IncompatibleKeys}.
 *
 * <p>{@code model.loadStateDict(sd, false).missingKeys()} lists the model entries absent from
 * {@code sd}.
 *
 * @param missingKeys entries of the model that the state dict lacks
 * @param unexpectedKeys entries of the state dict that the model lacks
 */
public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
  /** Copies both lists so the record stays immutable. */
  public IncompatibleKeys {
    missingKeys = List.copyOf(missingKeys);
    unexpectedKeys = List.copyOf(unexpectedKeys);
  }
}
