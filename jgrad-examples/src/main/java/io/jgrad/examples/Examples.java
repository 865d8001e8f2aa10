package io.jgrad.examples;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The catalogue of examples, in the order {@code jgrad list} shows them.
 *
 * <p>{@code Examples.find("thermometer")}.
 */
public final class Examples {
  private static final List<Supplier<Example>> ALL =
      List.of(
          SineManual::new,
          Quadratic::new,
          QuadraticAutograd::new,
          LinregNumpy::new,
          LinregAutograd::new,
          Thermometer::new,
          SineNn::new,
          LinregModule::new,
          DescentFourWays::new,
          Minibatch::new,
          FashionMnistExample::new,
          FashionCnn::new);

  private Examples() {}

  /** Fresh instances of every example. */
  public static List<Example> all() {
    return ALL.stream().map(Supplier::get).toList();
  }

  /** The example called {@code name}, if any. */
  public static Optional<Example> find(String name) {
    return all().stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
