package io.jgrad.nn.checkpoint;

import io.jgrad.Tensor;
import io.jgrad.io.SafeTensors;
import io.jgrad.io.SafeTensorsFile;
import io.jgrad.nn.Module;
import io.jgrad.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a model and optimizer into checkpoint tensors plus metadata JSON, and back. */
final class CheckpointCodec {
  private CheckpointCodec() {}

  /** The tensors and {@code __metadata__} strings of one checkpoint file. */
  record Encoded(Map<String, Tensor> tensors, Map<String, String> metadata) {}

  static Encoded encode(
      Module model, Optional<Optimizer> optimizer, int epoch, Map<String, String> extra) {
    if (epoch < 0) {
      throw new IllegalArgumentException(
          "Checkpoint.save: epoch must be non-negative, got " + epoch);
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    model.stateDict().forEach((name, t) -> tensors.put(Checkpoint.MODEL_PREFIX + name, t));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", Checkpoint.FORMAT_VERSION);
    json.put("epoch", epoch);
    Map<String, Object> extraCopy = new LinkedHashMap<>();
    extra.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new IllegalArgumentException(
                "Checkpoint.save: extra must not hold null keys or values, got " + k + "=" + v);
          }
          extraCopy.put(k, v);
        });
    json.put("extra", extraCopy);
    optimizer.ifPresent(opt -> json.put("optimizer", encodeOptimizer(opt, tensors)));
    Map<String, String> metadata = new LinkedHashMap<>();
    // "format": "pt" is the convention Hugging Face tools look for in PyTorch-written files.
    metadata.put("format", "pt");
    metadata.put(Checkpoint.METADATA_KEY, CheckpointJson.write(json));
    return new Encoded(tensors, metadata);
  }

  private static Map<String, Object> encodeOptimizer(Optimizer opt, Map<String, Tensor> tensors) {
    Map<String, Object> dict = opt.stateDict();
    Map<String, Object> nonTensorState = new LinkedHashMap<>();
    ((Map<?, ?>) dict.get("state"))
        .forEach(
            (index, entry) -> {
              Map<String, Object> rest = new LinkedHashMap<>();
              ((Map<?, ?>) entry)
                  .forEach(
                      (name, value) -> {
                        if (value instanceof Tensor t) {
                          tensors.put(
                              Checkpoint.OPTIMIZER_STATE_PREFIX + index + "." + name, t.detach());
                        } else {
                          rest.put(String.valueOf(name), value);
                        }
                      });
              if (!rest.isEmpty()) {
                nonTensorState.put(String.valueOf(index), rest);
              }
            });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", opt.getClass().getSimpleName());
    out.put("param_groups", dict.get("param_groups"));
    out.put("state", nonTensorState);
    return out;
  }

  static Checkpoint.Contents decode(Path path) throws IOException {
    try (SafeTensorsFile file = SafeTensors.open(path)) {
      String text = file.metadata().get(Checkpoint.METADATA_KEY);
      if (text == null) {
        throw bad(
            path,
            "no '"
                + Checkpoint.METADATA_KEY
                + "' entry in __metadata__ (not a jgrad"
                + " checkpoint; a plain state dict loads with"
                + " model.loadStateDict(SafeTensors.load(path)))");
      }
      Map<String, Object> json;
      try {
        json = asObject(CheckpointJson.parse(text), "metadata", path);
      } catch (IllegalArgumentException e) {
        throw bad(
            path,
            "metadata '" + Checkpoint.METADATA_KEY + "' is not valid JSON: " + e.getMessage());
      }
      int version = asInt(json.get("version"), "version", path);
      if (version < 1 || version > Checkpoint.FORMAT_VERSION) {
        throw bad(
            path,
            "format version "
                + version
                + " is not one this jgrad reads (1 to "
                + Checkpoint.FORMAT_VERSION
                + ")");
      }
      int epoch = asInt(json.get("epoch"), "epoch", path);
      if (epoch < 0) {
        throw bad(path, "epoch must be non-negative, got " + epoch);
      }
      Map<String, String> extra = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : asObject(json.get("extra"), "extra", path).entrySet()) {
        if (!(e.getValue() instanceof String value)) {
          throw bad(
              path, "'extra' must map strings to strings, got " + e.getKey() + "=" + e.getValue());
        }
        extra.put(e.getKey(), value);
      }
      LinkedHashMap<String, Tensor> model = new LinkedHashMap<>();
      Map<Integer, Map<String, Object>> state = new LinkedHashMap<>();
      for (String key : file.keys()) {
        if (key.startsWith(Checkpoint.MODEL_PREFIX)) {
          model.put(key.substring(Checkpoint.MODEL_PREFIX.length()), file.get(key));
        } else if (key.startsWith(Checkpoint.OPTIMIZER_STATE_PREFIX)) {
          String rest = key.substring(Checkpoint.OPTIMIZER_STATE_PREFIX.length());
          int dot = rest.indexOf('.');
          int index = dot > 0 ? parseIndex(rest.substring(0, dot)) : -1;
          if (index < 0 || dot == rest.length() - 1) {
            throw bad(path, "tensor '" + key + "' is not named optimizer.state.<index>.<name>");
          }
          state
              .computeIfAbsent(index, i -> new LinkedHashMap<>())
              .put(rest.substring(dot + 1), file.get(key));
        } else {
          throw bad(
              path,
              "tensor '"
                  + key
                  + "' is neither "
                  + Checkpoint.MODEL_PREFIX
                  + "<name>"
                  + " nor "
                  + Checkpoint.OPTIMIZER_STATE_PREFIX
                  + "<index>.<name>");
        }
      }
      Object optimizerJson = json.get("optimizer");
      if (optimizerJson == null) {
        if (!state.isEmpty()) {
          throw bad(path, "optimizer state tensors but no 'optimizer' entry in the metadata");
        }
        return new Checkpoint.Contents(
            version, epoch, extra, model, Optional.empty(), Optional.empty());
      }
      Map<String, Object> opt = asObject(optimizerJson, "optimizer", path);
      if (!(opt.get("type") instanceof String type)) {
        throw bad(path, "'optimizer.type' must be a string, got " + opt.get("type"));
      }
      if (!(opt.get("param_groups") instanceof List<?> groups)) {
        throw bad(path, "'optimizer.param_groups' must be a list, got " + opt.get("param_groups"));
      }
      for (Map.Entry<String, Object> e :
          asObject(opt.get("state"), "optimizer.state", path).entrySet()) {
        int index = parseIndex(e.getKey());
        if (index < 0 || !(e.getValue() instanceof Map<?, ?> entries)) {
          throw bad(
              path,
              "'optimizer.state' entry '"
                  + e.getKey()
                  + "' must be an object under a parameter index");
        }
        Map<String, Object> target = state.computeIfAbsent(index, i -> new LinkedHashMap<>());
        entries.forEach((name, value) -> target.put(String.valueOf(name), value));
      }
      Map<Integer, Map<String, Object>> sortedState = new java.util.TreeMap<>(state);
      Map<String, Object> dict = new LinkedHashMap<>();
      dict.put("state", new LinkedHashMap<>(sortedState));
      dict.put("param_groups", new ArrayList<>(groups));
      return new Checkpoint.Contents(
          version, epoch, extra, model, Optional.of(type), Optional.of(dict));
    }
  }

  private static int parseIndex(String text) {
    if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(text);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object value, String what, Path path)
      throws CheckpointFormatException {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw bad(path, "'" + what + "' must be a JSON object, got " + value);
  }

  private static int asInt(Object value, String what, Path path) throws CheckpointFormatException {
    if (value instanceof Integer i) {
      return i;
    }
    throw bad(path, "'" + what + "' must be an integer, got " + value);
  }

  private static CheckpointFormatException bad(Path path, String problem) {
    return new CheckpointFormatException("checkpoint " + path + ": " + problem);
  }
}
