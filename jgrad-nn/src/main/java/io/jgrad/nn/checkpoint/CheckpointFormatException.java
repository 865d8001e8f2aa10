package io.jgrad.nn.checkpoint;

import java.io.IOException;

/**
 * A safetensors file that is not a readable jgrad checkpoint: no or malformed checkpoint metadata,
 * an unknown format version, or tensor names outside the checkpoint layout.
 *
 * <p>{@code catch (CheckpointFormatException e)} around {@code Checkpoint.load(path, model, opt)};
 * the message names the file and the problem, e.g. {@code checkpoint run.safetensors: no
 * 'jgrad.checkpoint' entry in __metadata__ (not a jgrad checkpoint)}.
 */
public final class CheckpointFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a complete message.
   *
   * <p>{@code new CheckpointFormatException("...")}.
   */
  public CheckpointFormatException(String message) {
    super(message);
  }
}
