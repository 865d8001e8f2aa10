package io.jgrad.nn.checkpoint;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import io.jgrad.io.SafeTensors;
import io.jgrad.io.SafeTensorsFile;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.SGD;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CheckpointTest {
  @TempDir Path dir;

  private static List<float[]> values(Sequential model) {
    List<float[]> out = new ArrayList<>();
    model.stateDict().values().forEach(t -> out.add(t.toFloatArray()));
    return out;
  }

  @ParameterizedTest
  @EnumSource(TrainingRun.Kind.class)
  void resumedTrainingIsBitIdenticalToUninterruptedTraining(TrainingRun.Kind kind)
      throws Exception {
    int k = 4;
    int n = 10;
    Path file = dir.resolve("run.safetensors");
    TrainingRun straight = new TrainingRun(kind, 0);
    straight.train(k);
    Checkpoint.save(file, straight.model, straight.optimizer, k, Map.of("run", "a"));
    straight.train(n - k);
    float straightNext = (float) straight.loss().item();

    // A different initialisation, so only the checkpoint can make the runs agree.
    TrainingRun resumed = new TrainingRun(kind, 99);
    assertThat(values(resumed.model).getFirst()).isNotEqualTo(values(straight.model).getFirst());
    Checkpoint.Loaded loaded = Checkpoint.load(file, resumed.model, resumed.optimizer);
    assertThat(loaded.epoch()).isEqualTo(k);
    assertThat(loaded.extra()).containsExactly(Map.entry("run", "a"));
    assertThat(loaded.modelKeys().missingKeys()).isEmpty();
    resumed.train(n - loaded.epoch());

    List<float[]> expected = values(straight.model);
    List<float[]> actual = values(resumed.model);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("parameter %d", i).containsExactly(expected.get(i));
    }
    assertThat(Float.floatToRawIntBits((float) resumed.loss().item()))
        .isEqualTo(Float.floatToRawIntBits(straightNext));
    assertThat(resumed.optimizer.paramGroups().getFirst().options())
        .isEqualTo(straight.optimizer.paramGroups().getFirst().options());
  }

  @Test
  void fileHoldsPrefixedModelTensorsPyTorchOptimizerKeysAndJsonMetadata() throws Exception {
    Path file = dir.resolve("adam.safetensors");
    TrainingRun run = new TrainingRun(TrainingRun.Kind.ADAM, 0);
    run.train(2);
    Checkpoint.save(file, run.model, run.optimizer, 2, Map.of("lr", "0.01"));
    try (SafeTensorsFile f = SafeTensors.open(file)) {
      assertThat(f.keys())
          .containsExactlyInAnyOrder(
              "model.0.weight",
              "model.0.bias",
              "model.2.weight",
              "model.2.bias",
              "optimizer.state.0.step",
              "optimizer.state.0.exp_avg",
              "optimizer.state.0.exp_avg_sq",
              "optimizer.state.1.step",
              "optimizer.state.1.exp_avg",
              "optimizer.state.1.exp_avg_sq",
              "optimizer.state.2.step",
              "optimizer.state.2.exp_avg",
              "optimizer.state.2.exp_avg_sq",
              "optimizer.state.3.step",
              "optimizer.state.3.exp_avg",
              "optimizer.state.3.exp_avg_sq");
      assertThat(f.shape("optimizer.state.0.step")).isEmpty();
      assertThat(f.metadata()).containsEntry("format", "pt");
      @SuppressWarnings("unchecked")
      Map<String, Object> json =
          (Map<String, Object>) CheckpointJson.parse(f.metadata().get(Checkpoint.METADATA_KEY));
      assertThat(json)
          .containsEntry("version", 1)
          .containsEntry("epoch", 2)
          .containsEntry("extra", Map.of("lr", "0.01"));
      @SuppressWarnings("unchecked")
      Map<String, Object> opt = (Map<String, Object>) json.get("optimizer");
      assertThat(opt).containsEntry("type", "Adam").containsEntry("state", Map.of());
      @SuppressWarnings("unchecked")
      Map<String, Object> group = ((List<Map<String, Object>>) opt.get("param_groups")).getFirst();
      assertThat(group)
          .containsEntry("lr", 0.01)
          .containsEntry("betas", List.of(0.9, 0.999))
          .containsEntry("eps", 1e-8)
          .containsEntry("amsgrad", false)
          .containsEntry("params", List.of(0, 1, 2, 3));
    }
    Checkpoint.Contents contents = Checkpoint.read(file);
    assertThat(contents.version()).isEqualTo(Checkpoint.FORMAT_VERSION);
    // File order is the safetensors writer's (by dtype, then name), as PyTorch's load_file sees it.
    assertThat(contents.model().keySet())
        .containsExactly("0.bias", "0.weight", "2.bias", "2.weight");
    assertThat(contents.optimizerType()).contains("Adam");
    Map<?, ?> state = (Map<?, ?>) contents.optimizer().orElseThrow().get("state");
    assertThat(new ArrayList<Object>(state.keySet())).containsExactly(0, 1, 2, 3);
    Tensor step = (Tensor) ((Map<?, ?>) state.get(3)).get("step");
    assertThat(step.item()).isEqualTo(2.0);
  }

  @Test
  void missingKeysFailStrictlyWithPyTorchsMessageAndLeaveTheModelUntouched() throws Exception {
    Path file = dir.resolve("small.safetensors");
    TrainingRun run = new TrainingRun(TrainingRun.Kind.SGD, 0);
    Checkpoint.save(file, run.model, run.optimizer, 1, Map.of());
    manualSeed(5);
    Sequential bigger =
        new Sequential(
            new Linear(4, 3), new ReLU(), new Linear(3, 2), new ReLU(), new Linear(2, 2));
    List<float[]> before = values(bigger);
    assertThatThrownBy(() -> Checkpoint.load(file, bigger, new SGD(bigger.parameters(), 0.1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Error(s) in loading state_dict for Sequential:\n\t"
                + "Missing key(s) in state_dict: \"4.weight\", \"4.bias\". ");
    List<float[]> after = values(bigger);
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i)).containsExactly(before.get(i));
    }
  }

  @Test
  void unexpectedKeysFailStrictlyAndAreReportedWhenNotStrict() throws Exception {
    Path file = dir.resolve("two-layers.safetensors");
    manualSeed(0);
    Sequential saved = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
    Checkpoint.save(file, saved, new SGD(saved.get(0).parameters(), 0.1), 7, Map.of());
    Sequential first = new Sequential(new Linear(4, 3));
    assertThatThrownBy(() -> Checkpoint.load(file, first, new SGD(first.parameters(), 0.1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Error(s) in loading state_dict for Sequential:\n\t"
                + "Unexpected key(s) in state_dict: \"2.bias\", \"2.weight\". ");
    Checkpoint.Loaded loaded =
        Checkpoint.load(file, first, new SGD(first.parameters(), 0.1), false);
    assertThat(loaded.epoch()).isEqualTo(7);
    assertThat(loaded.modelKeys().unexpectedKeys()).containsExactly("2.bias", "2.weight");
    assertThat(loaded.modelKeys().missingKeys()).isEmpty();
    assertThat(first.get(0).getParameter("weight").toFloatArray())
        .containsExactly(saved.get(0).getParameter("weight").toFloatArray());
  }

  @Test
  void shapeMismatchFailsEvenWhenNotStrict() throws Exception {
    Path file = dir.resolve("shapes.safetensors");
    TrainingRun run = new TrainingRun(TrainingRun.Kind.SGD, 0);
    Checkpoint.save(file, run.model, run.optimizer, 1, Map.of());
    Sequential wider = new Sequential(new Linear(4, 5), new ReLU(), new Linear(5, 2));
    assertThatThrownBy(() -> Checkpoint.load(file, wider, new SGD(wider.parameters(), 0.1), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Error(s) in loading state_dict for Sequential:\n\t"
                + "size mismatch for 0.weight: copying a param with shape Size([3, 4]) from "
                + "checkpoint, the shape in current model is Size([5, 4]).");
  }

  @Test
  void optimizerMustMatchAndMustHaveBeenSaved() throws Exception {
    Path file = dir.resolve("sgd.safetensors");
    TrainingRun run = new TrainingRun(TrainingRun.Kind.SGD, 0);
    run.train(1);
    Checkpoint.save(file, run.model, run.optimizer, 1, Map.of());
    TrainingRun other = new TrainingRun(TrainingRun.Kind.ADAM, 3);
    List<float[]> before = values(other.model);
    assertThatThrownBy(() -> Checkpoint.load(file, other.model, other.optimizer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkpoint " + file + " holds SGD state, which cannot be loaded into Adam");
    assertThat(values(other.model).getFirst()).containsExactly(before.getFirst());

    Path modelOnly = dir.resolve("model-only.safetensors");
    Checkpoint.save(modelOnly, run.model, 4, Map.of("note", "final"));
    assertThatThrownBy(() -> Checkpoint.load(modelOnly, other.model, other.optimizer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no optimizer state");
    Checkpoint.Loaded loaded = Checkpoint.load(modelOnly, other.model);
    assertThat(loaded.epoch()).isEqualTo(4);
    assertThat(loaded.extra()).containsEntry("note", "final");
    assertThat(values(other.model).getFirst()).containsExactly(values(run.model).getFirst());
    // The optimizer part of a full checkpoint is ignored by the model-only load.
    assertThat(Checkpoint.load(file, other.model).epoch()).isEqualTo(1);
  }

  @Test
  void optimizerGroupSizeMismatchRestoresTheModel() throws Exception {
    Path file = dir.resolve("groups.safetensors");
    TrainingRun run = new TrainingRun(TrainingRun.Kind.SGD, 0);
    run.train(1);
    Checkpoint.save(file, run.model, run.optimizer, 1, Map.of());
    TrainingRun other = new TrainingRun(TrainingRun.Kind.SGD, 3);
    SGD partial = new SGD(other.model.get(0).parameters(), 0.1);
    List<float[]> before = values(other.model);
    assertThatThrownBy(() -> Checkpoint.load(file, other.model, partial))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "loaded state dict contains a parameter group that doesn't match"
                + " the size of optimizer's group");
    List<float[]> after = values(other.model);
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i)).containsExactly(before.get(i));
    }
  }

  @Test
  void saveRejectsNegativeEpochsAndNullExtras() {
    TrainingRun run = new TrainingRun(TrainingRun.Kind.SGD, 0);
    Path file = dir.resolve("x.safetensors");
    assertThatThrownBy(() -> Checkpoint.save(file, run.model, run.optimizer, -1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Checkpoint.save: epoch must be non-negative, got -1");
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("a", null);
    assertThatThrownBy(() -> Checkpoint.save(file, run.model, run.optimizer, 0, extra))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void readingSomethingElseFailsWithTheFileAndTheProblem() throws Exception {
    TrainingRun run = new TrainingRun(TrainingRun.Kind.SGD, 0);
    Path plain = dir.resolve("plain.safetensors");
    SafeTensors.save(run.model.stateDict(), plain);
    assertThatThrownBy(() -> Checkpoint.load(plain, run.model, run.optimizer))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageStartingWith("checkpoint " + plain + ": no 'jgrad.checkpoint' entry");

    Path badJson = dir.resolve("bad-json.safetensors");
    SafeTensors.save(
        Map.of("model.w", zeros(1)), Map.of("jgrad.checkpoint", "{\"version\":1,"), badJson);
    assertThatThrownBy(() -> Checkpoint.read(badJson))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessage(
            "checkpoint "
                + badJson
                + ": metadata 'jgrad.checkpoint' is not valid JSON:"
                + " JSON unexpected end of text, expected a string key at character 13");

    Path future = dir.resolve("future.safetensors");
    SafeTensors.save(
        Map.of("model.w", zeros(1)),
        Map.of("jgrad.checkpoint", "{\"version\":2,\"epoch\":0,\"extra\":{}}"),
        future);
    assertThatThrownBy(() -> Checkpoint.read(future))
        .hasMessage(
            "checkpoint "
                + future
                + ": format version 2 is not one this jgrad reads"
                + " (1 to 1)");

    Path stray = dir.resolve("stray.safetensors");
    SafeTensors.save(
        Map.of("weights", zeros(1)),
        Map.of("jgrad.checkpoint", "{\"version\":1,\"epoch\":0,\"extra\":{}}"),
        stray);
    assertThatThrownBy(() -> Checkpoint.read(stray))
        .hasMessage(
            "checkpoint "
                + stray
                + ": tensor 'weights' is neither model.<name> nor"
                + " optimizer.state.<index>.<name>");

    Path orphan = dir.resolve("orphan.safetensors");
    SafeTensors.save(
        Map.of("optimizer.state.0.step", zeros()),
        Map.of("jgrad.checkpoint", "{\"version\":1,\"epoch\":0,\"extra\":{}}"),
        orphan);
    assertThatThrownBy(() -> Checkpoint.read(orphan))
        .hasMessageContaining("optimizer state tensors but no 'optimizer' entry");

    Path badExtra = dir.resolve("bad-extra.safetensors");
    SafeTensors.save(
        Map.of("model.w", zeros(1)),
        Map.of("jgrad.checkpoint", "{\"version\":1,\"epoch\":0,\"extra\":{\"a\":1}}"),
        badExtra);
    assertThatThrownBy(() -> Checkpoint.read(badExtra))
        .hasMessage("checkpoint " + badExtra + ": 'extra' must map strings to strings, got a=1");

    assertThatThrownBy(() -> Checkpoint.read(dir.resolve("absent.safetensors")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aPlainStateDictRoundTripsThroughSafeTensors() throws Exception {
    Path file = dir.resolve("state.safetensors");
    TrainingRun run = new TrainingRun(TrainingRun.Kind.ADAM, 0);
    run.train(2);
    SafeTensors.save(run.model.stateDict(), file);
    TrainingRun fresh = new TrainingRun(TrainingRun.Kind.ADAM, 8);
    assertThat(fresh.model.loadStateDict(SafeTensors.load(file)).missingKeys()).isEmpty();
    List<float[]> expected = values(run.model);
    List<float[]> actual = values(fresh.model);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).containsExactly(expected.get(i));
    }
  }
}
