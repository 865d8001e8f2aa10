package io.jgrad.nn.checkpoint;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import io.jgrad.io.SafeTensors;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checkpoints against PyTorch, through files in {@code src/test/resources/checkpoint}: a state dict
 * PyTorch wrote ({@code make_torch_state_dict.py}) and PyTorch's one-step resume of jgrad's
 * checkpoints ({@code load_in_pytorch.py}, result in {@code pytorch-resume.txt}).
 */
class CheckpointInteropTest {
  private static final double TOLERANCE = 1e-6;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(CheckpointInteropTest.class.getResource("/checkpoint/" + name).toURI());
  }

  /** Lines "NAME d0 d1 v v v ..." of a golden text file, by NAME, as tensors. */
  private static Map<String, Tensor> tensors(Path file) throws IOException {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ");
      int rows = Integer.parseInt(f[1]);
      int cols = Integer.parseInt(f[2]);
      float[] values = new float[rows * cols];
      for (int i = 0; i < values.length; i++) {
        values[i] = Float.parseFloat(f[3 + i]);
      }
      out.put(f[0], tensor(values, rows, cols));
    }
    return out;
  }

  @Test
  void aStateDictWrittenByPyTorchGivesPyTorchsForwardOutput() throws Exception {
    manualSeed(7);
    Sequential model = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
    model.loadStateDict(SafeTensors.load(resource("torch-sequential.safetensors")));
    Map<String, Tensor> golden = tensors(resource("torch-sequential-forward.txt"));
    Tensor output;
    try (var g = noGrad()) {
      output = model.forward(golden.get("input"));
    }
    assertThat(output.shape()).isEqualTo(golden.get("output").shape());
    float[] expected = golden.get("output").toFloatArray();
    float[] actual = output.toFloatArray();
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as("output[%d]", i).isCloseTo(expected[i], within(TOLERANCE));
    }
  }

  @ParameterizedTest
  @EnumSource(TrainingRun.Kind.class)
  void theCommittedCheckpointIsWhatJgradWritesToday(TrainingRun.Kind kind, @TempDir Path dir)
      throws Exception {
    // PyTorch read these exact bytes; a format change must regenerate them and pytorch-resume.txt.
    Path fresh = dir.resolve(kind.file());
    TrainingRun.writeFixture(kind, fresh);
    assertThat(Files.readAllBytes(fresh)).isEqualTo(Files.readAllBytes(resource(kind.file())));
  }

  @ParameterizedTest
  @EnumSource(TrainingRun.Kind.class)
  void resumingInJgradMatchesPyTorchResumingTheSameCheckpoint(TrainingRun.Kind kind)
      throws Exception {
    String name = kind.name().toLowerCase(java.util.Locale.ROOT);
    Map<String, String[]> pytorch = new LinkedHashMap<>();
    for (String line : Files.readAllLines(resource("pytorch-resume.txt"))) {
      String[] f = line.split(" ");
      if (f[0].equals(name)) {
        String key = f[1].equals("param") ? "param " + f[2] : f[1];
        pytorch.put(key, Arrays.copyOfRange(f, f[1].equals("param") ? 3 : 2, f.length));
      }
    }
    assertThat(pytorch.get("type")[0]).isEqualTo(kind == TrainingRun.Kind.SGD ? "SGD" : "Adam");
    assertThat(pytorch.get("type")[2]).isEqualTo("3");

    TrainingRun run = new TrainingRun(kind, 99);
    Map<String, Tensor> data = SafeTensors.load(resource("resume-data.safetensors"));
    assertThat(data.get("x").toFloatArray()).containsExactly(run.x.toFloatArray());
    Checkpoint.Loaded loaded = Checkpoint.load(resource(kind.file()), run.model, run.optimizer);
    assertThat(loaded.epoch()).isEqualTo(3);
    float atCheckpoint = run.train(1);
    double after = run.loss().item();
    assertThat((double) atCheckpoint)
        .isCloseTo(Double.parseDouble(pytorch.get("loss_at_checkpoint")[0]), within(TOLERANCE));
    assertThat(after)
        .isCloseTo(Double.parseDouble(pytorch.get("loss_after_step")[0]), within(TOLERANCE));
    List<String> keys = List.of("0.weight", "0.bias", "2.weight", "2.bias");
    Map<String, Tensor> state = run.model.stateDict();
    for (String key : keys) {
      String[] expected = pytorch.get("param " + key);
      float[] actual = state.get(key).toFloatArray();
      assertThat(actual).hasSize(expected.length);
      for (int i = 0; i < actual.length; i++) {
        assertThat((double) actual[i])
            .as("%s %s[%d]", name, key, i)
            .isCloseTo(Double.parseDouble(expected[i]), within(TOLERANCE));
      }
    }
  }
}
