package io.jgrad.io;

/**
 * Thrown by {@link Json#parse} for text that is not strict JSON; it names the problem and the char
 * offset where parsing stopped.
 *
 * <p>{@code Json.parse("[1,]")} throws one whose {@link #offset()} is 3 and whose message is {@code
 * JSON unexpected ']', expected a JSON value at character 3}.
 */
public final class JsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String problem;
  private final int offset;

  /**
   * Creates the exception for {@code problem} found at char {@code offset} of the parsed text.
   *
   * <p>{@code new JsonException("duplicate key \"k\"", 7)}.
   */
  public JsonException(String problem, int offset) {
    super("JSON " + problem + " at character " + offset);
    this.problem = problem;
    this.offset = offset;
  }

  /**
   * The problem alone, without the offset, for callers that report the position their own way.
   *
   * <p>{@code e.problem()} gives {@code duplicate key "k"}.
   */
  public String problem() {
    return problem;
  }

  /**
   * The char index into the parsed text where the problem was found.
   *
   * <p>{@code e.offset()} gives 7 for the second key of {@code {"k":1,"k":2}}.
   */
  public int offset() {
    return offset;
  }
}
