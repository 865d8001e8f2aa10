package io.jgrad.examples;

/**
 * A runnable reproduction of one seed-notebook workflow.
 *
 * <p>{@code Examples.find("sine-manual").orElseThrow().run(ExampleContext.defaults(System.out))}.
 */
public interface Example {
  /** The name used on the command line, such as {@code sine-manual}. */
  String name();

  /** The notebook cell it reproduces, such as {@code 000 cell 1}. */
  String seedCell();

  /** One line on what it does. */
  String description();

  /** Runs the example, printing what the notebook printed. */
  void run(ExampleContext context) throws Exception;
}
