package io.jgrad.data;

import java.io.IOException;

/**
 * A dataset file exists but its contents are not what the format requires: a wrong magic number,
 * truncated data, or files that disagree with each other.
 *
 * <p>{@code catch (DatasetFormatException e) { log(e.getMessage()); }} names the file, offset and
 * values.
 */
public final class DatasetFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message naming the file, the offset and the values involved.
   *
   * <p>{@code new DatasetFormatException("labels.idx: wrong magic number ...")}.
   */
  public DatasetFormatException(String message) {
    super(message);
  }
}
