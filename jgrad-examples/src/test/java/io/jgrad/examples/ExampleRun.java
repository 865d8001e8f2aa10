package io.jgrad.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Runs an example in-process and hands back its printed lines; reads the notebooks' lines. */
final class ExampleRun {
  private ExampleRun() {}

  static List<String> lines(
      String name, java.util.function.UnaryOperator<ExampleContext> settings) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      Example example = Examples.find(name).orElseThrow();
      example.run(settings.apply(ExampleContext.defaults(out)));
    } catch (Exception e) {
      throw new IllegalStateException("example " + name + " failed", e);
    }
    return Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\n"));
  }

  static List<String> lines(String name) {
    return lines(name, c -> c);
  }

  /** The notebook's printed lines, copied verbatim into src/test/resources/expected. */
  static List<String> notebook(String file) {
    try {
      Path path = Path.of(ExampleRun.class.getResource("/expected/" + file).toURI());
      return Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
