package io.jgrad.examples;

import static io.jgrad.JGrad.manualSeed;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.data.FashionMnist;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.checkpoint.Checkpoint;
import io.jgrad.optim.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad run fashion-mnist --save/--resume}: a resumed run continues exactly. */
class FashionMnistCheckpointTest {
  @TempDir Path dir;

  /** Exit status, standard output lines and standard error of one command line. */
  record Result(int status, List<String> out, String err) {
    List<String> accuracies() {
      return out.stream().filter(l -> l.startsWith(" Accuracy: ")).toList();
    }
  }

  private static Result jgrad(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Result(
        status,
        out.toString(StandardCharsets.UTF_8).lines().toList(),
        err.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void needsTheDataset() {
    Assumptions.assumeTrue(
        Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY),
        "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
  }

  @Test
  void resumingAfterOneEpochPrintsWhatAnUninterruptedRunPrints() throws Exception {
    Path straight = dir.resolve("straight.safetensors");
    Path split = dir.resolve("split.safetensors");
    Result both =
        jgrad(
            "run",
            "fashion-mnist",
            "--limit",
            "256",
            "--steps",
            "2",
            "--quiet",
            "--save",
            straight.toString());
    Result first =
        jgrad(
            "run",
            "fashion-mnist",
            "--limit",
            "256",
            "--steps",
            "1",
            "--quiet",
            "--save",
            split.toString());
    assertThat(Checkpoint.read(split).epoch()).isEqualTo(1);
    // Another seed: the resumed model's weights can only come from the checkpoint.
    Result second =
        jgrad(
            "run",
            "fashion-mnist",
            "--limit",
            "256",
            "--steps",
            "2",
            "--quiet",
            "--seed",
            "5",
            "--resume",
            split.toString(),
            "--save",
            split.toString());
    assertThat(List.of(both.status(), first.status(), second.status())).containsOnly(0);
    assertThat(both.accuracies()).hasSize(2);
    assertThat(first.accuracies()).containsExactly(both.accuracies().get(0));
    assertThat(second.accuracies()).containsExactly(both.accuracies().get(1));
    assertThat(second.out())
        .anyMatch(l -> l.matches("epoch 2 trained in [0-9.]+ s"))
        .noneMatch(l -> l.startsWith("epoch 1 "));
    // Same weights, optimizer state, epoch and extras: the files are byte for byte the same.
    assertThat(Files.readAllBytes(split)).isEqualTo(Files.readAllBytes(straight));
    assertThat(Checkpoint.read(straight).extra())
        .containsExactlyInAnyOrderEntriesOf(Map.of("example", "fashion-mnist", "limit", "256"));
  }

  @Test
  void aCheckpointThatIsAlreadyDoneRunsNoMoreEpochs() throws Exception {
    Path file = dir.resolve("done.safetensors");
    assertThat(
            jgrad(
                    "run",
                    "fashion-mnist",
                    "--limit",
                    "128",
                    "--steps",
                    "1",
                    "--quiet",
                    "--save",
                    file.toString())
                .status())
        .isZero();
    Result again =
        jgrad(
            "run", "fashion-mnist", "--limit", "128", "--steps", "1", "--resume", file.toString());
    assertThat(again.status()).isZero();
    assertThat(again.out()).contains("resumed from " + file + " after epoch 1", "Done!");
    assertThat(again.accuracies()).isEmpty();
  }

  @Test
  void badCheckpointsAreOneLineErrorsWithStatusTwo() throws Exception {
    Path missing = dir.resolve("missing.safetensors");
    Result noFile = jgrad("run", "fashion-mnist", "--limit", "64", "--resume", missing.toString());
    assertThat(noFile.status()).isEqualTo(2);
    assertThat(noFile.err().strip()).isEqualTo("jgrad: --resume " + missing + ": no such file");

    Path garbage = dir.resolve("garbage.safetensors");
    Files.write(garbage, new byte[] {1, 2, 3});
    Result corrupt = jgrad("run", "fashion-mnist", "--limit", "64", "--resume", garbage.toString());
    assertThat(corrupt.status()).isEqualTo(2);
    assertThat(corrupt.err().lines().count()).isEqualTo(1);
    assertThat(corrupt.err()).startsWith("jgrad: --resume " + garbage + ": safetensors: ");

    Path plain = dir.resolve("plain.safetensors");
    io.jgrad.io.SafeTensors.save(Map.of("w", io.jgrad.JGrad.zeros(2)), plain);
    Result notCheckpoint =
        jgrad("run", "fashion-mnist", "--limit", "64", "--resume", plain.toString());
    assertThat(notCheckpoint.status()).isEqualTo(2);
    assertThat(notCheckpoint.err().strip())
        .startsWith("jgrad: --resume " + plain + ": no 'jgrad.checkpoint' entry in __metadata__");

    Path other = dir.resolve("other-model.safetensors");
    manualSeed(0);
    Sequential small = new Sequential(new io.jgrad.nn.Flatten(), new Linear(784, 10));
    Checkpoint.save(other, small, new SGD(small.parameters(), 0.1), 1, Map.of());
    Result wrongModel =
        jgrad("run", "fashion-mnist", "--limit", "64", "--resume", other.toString());
    assertThat(wrongModel.status()).isEqualTo(2);
    assertThat(wrongModel.err().lines().count()).isEqualTo(1);
    assertThat(wrongModel.err())
        .startsWith(
            "jgrad: --resume "
                + other
                + ": Error(s) in loading state_dict for Sequential: Missing key(s) in state_dict: ");

    Path nowhere = dir.resolve("no-such-dir").resolve("c.safetensors");
    Result badSave = jgrad("run", "fashion-mnist", "--limit", "64", "--save", nowhere.toString());
    assertThat(badSave.status()).isEqualTo(2);
    assertThat(badSave.err().strip())
        .isEqualTo(
            "jgrad: --save " + nowhere + ": directory " + nowhere.getParent() + " does not exist");
  }
}
