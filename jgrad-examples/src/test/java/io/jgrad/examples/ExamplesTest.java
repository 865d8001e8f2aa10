package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example, run with the notebook's settings (shortened where the notebook runs long), against
 * the lines the notebook printed.
 */
class ExamplesTest {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+\\.\\d+(e[-+]\\d+)?");

  /**
   * Lines equal except that each decimal number may differ by {@code relative}: for float32 cells
   * where the notebook's NumPy summed in another order than PyTorch (and jgrad) do.
   */
  private static void assertSameUpToRounding(
      List<String> actual, List<String> expected, double relative) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String e = expected.get(i);
      String a = actual.get(i);
      assertThat(NUMBER.matcher(a).replaceAll("#"))
          .as("line %d text", i)
          .isEqualTo(NUMBER.matcher(e).replaceAll("#"));
      Matcher me = NUMBER.matcher(e);
      Matcher ma = NUMBER.matcher(a);
      while (me.find() && ma.find()) {
        double ev = Double.parseDouble(me.group());
        double av = Double.parseDouble(ma.group());
        assertThat(Math.abs(av - ev))
            .as("line %d: %s vs %s", i, a, e)
            .isLessThanOrEqualTo(relative * Math.abs(ev) + 1e-7);
      }
    }
  }

  private static void assertPicture(Path png) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isGreaterThanOrEqualTo(400);
    assertThat(image.getHeight()).isGreaterThanOrEqualTo(400);
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours in %s", png).isGreaterThan(10);
  }

  @Test
  void quadraticPrintsTheNotebookLinesExactly() {
    assertThat(ExampleRun.lines("quadratic")).isEqualTo(ExampleRun.notebook("quadratic.txt"));
  }

  @Test
  void quadraticAutogradPrintsTheNotebookLinesExactly() {
    assertThat(ExampleRun.lines("quadratic-autograd"))
        .isEqualTo(ExampleRun.notebook("quadratic-autograd.txt"));
  }

  @Test
  void linregNumpyPrintsTheNotebookWeight() {
    assertThat(ExampleRun.lines("linreg-numpy")).containsExactly("1.2492307286934012");
  }

  @Test
  void linregAutogradPrintsTheNotebookWeight() {
    assertThat(ExampleRun.lines("linreg-autograd")).containsExactly("tensor([2.])");
  }

  @Test
  void linregModulePrintsTheNotebookCostsAndParameter() {
    assertThat(ExampleRun.lines("linreg-module"))
        .isEqualTo(ExampleRun.notebook("linreg-module.txt"));
  }

  @Test
  void minibatchPrintsTheNotebookStepsAndPlots(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("sgd.png");
    List<String> lines = ExampleRun.lines("minibatch", c -> c.withPlot(png));
    // The stored notebook collapsed runs of spaces; Python's {loss: .2f} prints "Loss:  101.19".
    List<String> steps = lines.subList(0, 20).stream().map(l -> l.replaceAll(" +", " ")).toList();
    assertThat(steps).isEqualTo(ExampleRun.notebook("minibatch.txt"));
    assertThat(lines.get(0)).startsWith("Step 1, Loss:  101.19;");
    assertThat(lines).anyMatch(l -> l.startsWith("total_loss: [97.5457,"));
    assertPicture(png);
  }

  @Test
  void descentFourWaysMatchesTheNotebookParts() {
    List<String> lines = ExampleRun.lines("descent-four-ways");
    int wrong =
        lines.indexOf(
            "# part 1: numpy by hand, with the video's gradient np.dot(2*x, y_hat-y).mean()");
    int right =
        lines.indexOf(
            "# part 1: numpy by hand, with the correct gradient np.mean(2*x * (y_hat-y))");
    int part2 = lines.indexOf("# part 2: gradient with autograd");
    // NumPy's cell mixes a Python-float w with float32 arrays, so some intermediates are float64
    // there and float32 here; the 8-decimal losses then agree to ~1e-6 relative (+1e-7 absolute,
    // float32's resolution of the cancelled residuals), not digit for digit.
    assertSameUpToRounding(
        lines.subList(wrong + 2, right), ExampleRun.notebook("descent-part1-wrong.txt"), 1e-6);
    assertSameUpToRounding(
        lines.subList(right + 1, right + 13), ExampleRun.notebook("descent-part1-right.txt"), 1e-6);
    assertThat(lines.get(right + 13)).isEqualTo("(-120.0, -30.0)");
    // Part 2 is PyTorch itself in the notebook: jgrad prints the same lines exactly.
    assertThat(lines.subList(part2 + 1, part2 + 13))
        .isEqualTo(ExampleRun.notebook("descent-part2.txt"));
    int part3 = lines.indexOf("# part 3: loss and optimizer from the library");
    assertThat(lines.get(part3 + 2)).isEqualTo("epoch 1: w = 0.3000, loss = 30.00000000");
    assertThat(lines.get(part3 + 12)).isEqualTo("Prediction after training: f(5) = 10.000");
    assertThat(lines.getLast()).startsWith("Prediction after training: f(5) = ");
  }

  @Test
  void thermometerPrintsTheNotebookLossesAndTrainingLoops() {
    List<String> lines = ExampleRun.lines("thermometer", c -> c.withSteps(5));
    assertThat(lines)
        .contains(
            "tensor(1763.8848)",
            "x * y: Size([3, 1])",
            "y * z: Size([3, 3])",
            "y * z * a: Size([2, 3, 3])",
            "Epoch 1, Loss 1763.884765625",
            "Epoch 2, Loss 323.09051513671875",
            "Epoch 3, Loss 78.92963409423828",
            "Epoch 4, Loss 37.5528450012207",
            "Epoch 5, Loss 30.540283203125",
            "tensor([ 0.2413, -0.0149])",
            "Epoch 1, Loss 80.36434173583984",
            "Epoch 2, Loss 37.574913024902344",
            "Epoch 3, Loss 30.871076583862305",
            "Epoch 4, Loss 29.756193161010742",
            "Epoch 5, Loss 29.507152557373047");
    assertThat(lines)
        .contains("tensor([ 2477177.7500,  6138895.5000,  6656643.0000, 13231964.0000,");
    List<String> full = ExampleRun.lines("thermometer", ExampleContext::asQuiet);
    assertThat(full).containsExactly("tensor([ 0.2413, -0.0149])", "tensor([  5.3671, -17.3012])");
  }

  @Test
  void sineManualPrintsEveryHundredStepsAndTheResult(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("sine.png");
    List<String> lines = ExampleRun.lines("sine-manual", c -> c.withPlot(png));
    List<String> progress = lines.stream().filter(l -> l.matches("\\d+ [-0-9.e]+")).toList();
    assertThat(progress).hasSize(20);
    assertThat(progress.get(0)).startsWith("99 ");
    double first = Double.parseDouble(progress.get(0).split(" ")[1]);
    double last = Double.parseDouble(progress.get(19).split(" ")[1]);
    assertThat(last).isLessThan(first);
    assertThat(lines)
        .anyMatch(l -> l.matches("Result: y = \\S+ \\+ \\S+ x \\+ \\S+ x\\^2 \\+ \\S+ x\\^3"));
    assertPicture(png);
  }

  @Test
  void sineNnMatchesTheHandWrittenFitFromTheSameStart(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("sine-nn.png");
    List<String> lines = ExampleRun.lines("sine-nn", c -> c.withPlot(png));
    assertThat(lines.stream().filter(l -> l.matches("\\d+ [-0-9.e]+")).count()).isEqualTo(20);
    String result =
        lines.stream().filter(l -> l.startsWith("Result: y = ")).findFirst().orElseThrow();
    // The cubic that fits sin(x) best on [-pi, pi] has b ~ 0.85 and d ~ -0.09.
    String[] terms = result.substring("Result: y = ".length()).split(" \\+ ");
    assertThat(Double.parseDouble(terms[1].replace(" x", ""))).isBetween(0.75, 0.95);
    assertThat(Double.parseDouble(terms[3].replace(" x^3", ""))).isBetween(-0.11, -0.07);
    assertPicture(png);
  }

  @Test
  void fashionMnistTrainsOnASliceAndReportsAccuracy(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isDirectory(io.jgrad.data.FashionMnist.DEFAULT_DIRECTORY),
        "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
    Path png = dir.resolve("fashion.png");
    List<String> lines =
        ExampleRun.lines(
            "fashion-mnist", c -> c.withLimit(640).withSteps(2).withPlot(png).asQuiet());
    assertThat(lines.stream().filter(l -> l.startsWith(" Accuracy: ")).count()).isEqualTo(2);
    assertThat(lines).anyMatch(l -> l.matches("epoch 2 trained in [0-9.]+ s"));
    assertPicture(png);
  }

  @Test
  void fashionCnnPrintsPyTorchExampleLines() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isDirectory(io.jgrad.data.FashionMnist.DEFAULT_DIRECTORY),
        "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
    List<String> lines = ExampleRun.lines("fashion-cnn", c -> c.withLimit(128).withSteps(1));
    assertThat(lines)
        .anyMatch(l -> l.matches("Train Epoch: 1 \\[0/128 \\(0%\\)\\]\tLoss: \\d+\\.\\d{6}"));
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches("Test set: Average loss: \\d+\\.\\d{4}, Accuracy: \\d+/128 \\(\\d+%\\)"));
  }

  @Test
  void commandLineErrorsAreOneLineWithStatusTwo() {
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    var o = new java.io.PrintStream(out, true);
    var e = new java.io.PrintStream(err, true);
    assertThat(Main.execute(o, e, "run", "no-such-example")).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "jgrad: unknown example 'no-such-example'; run 'jgrad list' to see the examples");
    err.reset();
    assertThat(Main.execute(o, e, "run", "quadratic", "--device", "mps")).isEqualTo(2);
    assertThat(err.toString()).contains("'mps'").contains("does not exist on this platform");
    err.reset();
    assertThat(Main.execute(o, e, "run", "quadratic", "--steps", "many")).isEqualTo(2);
    assertThat(err.toString().lines().count()).isEqualTo(1);
    err.reset();
    assertThat(Main.execute(o, e, "run", "quadratic", "--device", "cuda")).isEqualTo(2);
    assertThat(err.toString()).startsWith("jgrad: CUDA not available");
    assertThat(Main.execute(o, e, "list")).isZero();
    assertThat(out.toString()).contains("sine-manual", "minibatch", "fashion-mnist");
  }
}
