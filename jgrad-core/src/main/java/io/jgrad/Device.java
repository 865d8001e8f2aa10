package io.jgrad;

import io.jgrad.ops.Checks;

/**
 * Where a tensor's storage lives: {@code cpu} or {@code cuda:N}.
 *
 * <p>{@code Device.of("cuda:0")}; {@code Device.CPU}. PyTorch's {@code mps} is recognised and
 * rejected with a clear message, since Metal does not exist on the JVM's platforms.
 *
 * @param type "cpu" or "cuda"
 * @param index device ordinal, 0 for cpu
 */
public record Device(String type, int index) {
  /** The host CPU. */
  public static final Device CPU = new Device("cpu", 0);

  /** Validates the fields. */
  public Device {
    Checks.checkArgument(
        type.equals("cpu") || type.equals("cuda"),
        "Expected one of cpu, cuda device type at start of device string: %s",
        type);
    Checks.checkArgument(index >= 0, "Device index must not be negative, got %s", index);
  }

  /**
   * Parses a PyTorch device string.
   *
   * <p>{@code Device.of("cuda")} is {@code cuda:0}; {@code Device.of("cpu")} is {@link #CPU}.
   *
   * @throws IllegalArgumentException for unknown types such as {@code mps} or malformed indices
   */
  public static Device of(String spec) {
    String trimmed = spec.trim().toLowerCase(java.util.Locale.ROOT);
    if (trimmed.equals("mps")) {
      throw new IllegalArgumentException(
          "device 'mps' (Apple Metal) does not exist on this platform; use 'cpu' or 'cuda'");
    }
    int colon = trimmed.indexOf(':');
    String type = colon < 0 ? trimmed : trimmed.substring(0, colon);
    int index = 0;
    if (colon >= 0) {
      try {
        index = Integer.parseInt(trimmed.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid device string: '" + spec + "'", e);
      }
    }
    return type.equals("cpu") ? CPU : new Device(type, index);
  }

  /** Whether this is the host CPU. */
  public boolean isCpu() {
    return type.equals("cpu");
  }

  /** {@code cpu} or {@code cuda:0}, as PyTorch prints devices. */
  @Override
  public String toString() {
    return isCpu() ? "cpu" : type + ":" + index;
  }
}
