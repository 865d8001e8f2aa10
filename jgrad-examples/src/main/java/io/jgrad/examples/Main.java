package io.jgrad.examples;

import io.jgrad.Device;
import io.jgrad.backend.Backends;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code jgrad} command: {@code jgrad list}, {@code jgrad run NAME [options]}, {@code jgrad
 * version}. Usage errors print one line and exit with status 2.
 */
@Command(
    name = "jgrad",
    mixinStandardHelpOptions = true,
    version = "jgrad " + Main.VERSION,
    description = "PyTorch-grade tensors, autograd and neural networks in pure Java.",
    subcommands = {Main.ListCommand.class, Main.RunCommand.class, Main.VersionCommand.class})
public final class Main implements Runnable {
  /** The library version. */
  public static final String VERSION = "0.1.0-SNAPSHOT";

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(execute(System.out, System.err, args));
  }

  /** Runs the command line, returning the exit status (for tests). */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(new java.io.PrintWriter(out, true));
    commandLine.setErr(new java.io.PrintWriter(err, true));
    commandLine.setParameterExceptionHandler(
        (ex, arguments) -> {
          err.println("jgrad: " + ex.getMessage() + " (see jgrad --help)");
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof UsageException
              || ex instanceof IllegalArgumentException
              || ex instanceof IllegalStateException
                  && ex.getMessage() != null
                  && ex.getMessage().contains("not available")) {
            err.println("jgrad: " + ex.getMessage());
            return 2;
          }
          throw ex;
        });
    RunCommand.out = out;
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** A command-line mistake worth one line and exit status 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  @Command(name = "list", description = "List the examples and the seed cells they reproduce.")
  static final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      for (Example e : Examples.all()) {
        out.printf("%-20s %-32s %s%n", e.name(), e.seedCell(), e.description());
      }
      return 0;
    }
  }

  @Command(name = "version", description = "Print the version and a tiny demo.")
  static final class VersionCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      out.println("jgrad " + VERSION + " on Java " + Runtime.version());
      var x = io.jgrad.JGrad.tensor(1f, 2f, 3f).requiresGrad_(true);
      var y = x.pow(2).sum();
      y.backward();
      out.println("x = " + x + "; y = sum(x^2) = " + y + "; dy/dx = " + x.grad());
      return 0;
    }
  }

  @Command(name = "run", description = "Run an example (see jgrad list).")
  static final class RunCommand implements Callable<Integer> {
    static PrintStream out = System.out;

    @Parameters(index = "0", paramLabel = "NAME", description = "example name")
    String name;

    @Option(names = "--device", description = "cpu or cuda[:N] (default cpu)")
    String device = "cpu";

    @Option(names = "--seed", description = "random seed")
    Long seed;

    @Option(names = "--steps", description = "number of steps or epochs")
    Integer steps;

    @Option(names = "--lr", description = "learning rate")
    Double lr;

    @Option(names = "--plot", description = "write the example's figure to FILE.png")
    Path plot;

    @Option(names = "--quiet", description = "print only the result")
    boolean quiet;

    @Option(names = "--limit", description = "use only the first N samples (fashion-mnist)")
    Integer limit;

    @Option(
        names = "--save",
        paramLabel = "FILE",
        description =
            "write a checkpoint (model, optimizer, epoch) after every epoch" + " (fashion-mnist)")
    Path save;

    @Option(
        names = "--resume",
        paramLabel = "FILE",
        description = "continue training from a --save checkpoint (fashion-mnist)")
    Path resume;

    @Override
    public Integer call() throws Exception {
      Example example =
          Examples.find(name)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "unknown example '" + name + "'; run 'jgrad list' to see the examples"));
      Device target;
      try {
        target = Device.of(device);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      if (!target.isCpu()) {
        Backends.of(target); // fails fast with "CUDA not available: <reason>"
      }
      if (steps != null && steps < 0) {
        throw new UsageException("--steps must be non-negative, got " + steps);
      }
      if (lr != null && !(lr > 0)) {
        throw new UsageException("--lr must be positive, got " + lr);
      }
      if (limit != null && limit <= 0) {
        throw new UsageException("--limit must be positive, got " + limit);
      }
      if (plot != null && !plot.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
        throw new UsageException("--plot must name a .png file, got " + plot);
      }
      if (save != null) {
        Path parent = save.toAbsolutePath().getParent();
        if (parent == null || !java.nio.file.Files.isDirectory(parent)) {
          throw new UsageException("--save " + save + ": directory " + parent + " does not exist");
        }
        if (java.nio.file.Files.isDirectory(save)) {
          throw new UsageException("--save " + save + ": is a directory");
        }
      }
      if (resume != null && !java.nio.file.Files.isRegularFile(resume)) {
        throw new UsageException("--resume " + resume + ": no such file");
      }
      var ctx =
          new ExampleContext(
              target,
              seed == null ? OptionalLong.empty() : OptionalLong.of(seed),
              steps == null ? OptionalInt.empty() : OptionalInt.of(steps),
              lr == null ? OptionalDouble.empty() : OptionalDouble.of(lr),
              Optional.ofNullable(plot),
              quiet,
              limit == null ? OptionalInt.empty() : OptionalInt.of(limit),
              Optional.ofNullable(save),
              Optional.ofNullable(resume),
              out);
      example.run(ctx);
      return 0;
    }
  }
}
