package io.jgrad.examples;

import io.jgrad.Device;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the command line hands an example: device, overrides, where to plot, and where to print.
 *
 * <p>{@code ctx.steps().orElse(2000)}; {@code ctx.out().println(...)}.
 *
 * @param device device to run on
 * @param seed seed override
 * @param steps step (or epoch) count override
 * @param lr learning-rate override
 * @param plot where to write the example's figure, if anywhere
 * @param quiet print only the final result
 * @param limit use only the first N samples of a dataset
 * @param save where to write a checkpoint after every epoch, if anywhere
 * @param resume a checkpoint to continue training from, if any
 * @param out where output goes
 */
public record ExampleContext(
    Device device,
    OptionalLong seed,
    OptionalInt steps,
    OptionalDouble lr,
    Optional<Path> plot,
    boolean quiet,
    OptionalInt limit,
    Optional<Path> save,
    Optional<Path> resume,
    PrintStream out) {

  /** Defaults: CPU, no overrides, no plot, printing to {@code out}. */
  public static ExampleContext defaults(PrintStream out) {
    return new ExampleContext(
        Device.CPU,
        OptionalLong.empty(),
        OptionalInt.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        false,
        OptionalInt.empty(),
        Optional.empty(),
        Optional.empty(),
        out);
  }

  /** A copy with a step override. */
  public ExampleContext withSteps(int newSteps) {
    return new ExampleContext(
        device, seed, OptionalInt.of(newSteps), lr, plot, quiet, limit, save, resume, out);
  }

  /** A copy with a seed override. */
  public ExampleContext withSeed(long newSeed) {
    return new ExampleContext(
        device, OptionalLong.of(newSeed), steps, lr, plot, quiet, limit, save, resume, out);
  }

  /** A copy that writes its figure to {@code path}. */
  public ExampleContext withPlot(Path path) {
    return new ExampleContext(
        device, seed, steps, lr, Optional.of(path), quiet, limit, save, resume, out);
  }

  /** A copy on {@code newDevice}. */
  public ExampleContext withDevice(Device newDevice) {
    return new ExampleContext(newDevice, seed, steps, lr, plot, quiet, limit, save, resume, out);
  }

  /** A copy that uses only the first {@code n} samples of its dataset. */
  public ExampleContext withLimit(int n) {
    return new ExampleContext(
        device, seed, steps, lr, plot, quiet, OptionalInt.of(n), save, resume, out);
  }

  /** A copy that writes a checkpoint to {@code path} after every epoch. */
  public ExampleContext withSave(Path path) {
    return new ExampleContext(
        device, seed, steps, lr, plot, quiet, limit, Optional.of(path), resume, out);
  }

  /** A copy that continues training from the checkpoint at {@code path}. */
  public ExampleContext withResume(Path path) {
    return new ExampleContext(
        device, seed, steps, lr, plot, quiet, limit, save, Optional.of(path), out);
  }

  /** A copy that prints only results. */
  public ExampleContext asQuiet() {
    return new ExampleContext(device, seed, steps, lr, plot, true, limit, save, resume, out);
  }

  /** Prints a line unless quiet. */
  public void println(String line) {
    if (!quiet) {
      out.println(line);
    }
  }

  /**
   * The seed to use: the override, else {@code notebookSeed} when the notebook had one, else {@code
   * fallback} with a line saying so (the notebook's own numbers were unseeded).
   */
  public long seedOr(long fallback, String why) {
    if (seed.isPresent()) {
      return seed.getAsLong();
    }
    println("(seed " + fallback + ": " + why + "; pass --seed N to change it)");
    return fallback;
  }
}
