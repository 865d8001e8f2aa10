package io.jgrad.io;

import java.io.IOException;

/**
 * A safetensors file that jgrad refuses to read: malformed, hostile, or holding a type or size
 * jgrad cannot represent.
 *
 * <p>{@code catch (SafeTensorsFormatException e)} around {@code SafeTensors.load(path)}; the
 * message names the file, the problem, the values and the file offsets involved, e.g. {@code
 * safetensors: header length 1099511627776 at offset 0 exceeds file size 4096 (model.safetensors)}.
 */
public final class SafeTensorsFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a complete message.
   *
   * <p>{@code new SafeTensorsFormatException("...")}.
   */
  public SafeTensorsFormatException(String message) {
    super(message);
  }
}
