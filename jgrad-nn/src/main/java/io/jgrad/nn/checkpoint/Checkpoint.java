package io.jgrad.nn.checkpoint;

import io.jgrad.Tensor;
import io.jgrad.io.Json;
import io.jgrad.io.SafeTensors;
import io.jgrad.nn.IncompatibleKeys;
import io.jgrad.nn.Module;
import io.jgrad.optim.LRScheduler;
import io.jgrad.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Saves and resumes training: a model's state dict, its optimizer's state, the epoch and free-form
 * strings in one safetensors file, written atomically.
 *
 * <p>{@code Checkpoint.save(path, model, opt, epoch, Map.of()); int next = Checkpoint.load(path,
 * model, opt).epoch();}
 *
 * <p>Layout (see {@code docs/SAFETENSORS.md}, "Checkpoints"): the model's entries under {@code
 * model.<name>} (strip the prefix for PyTorch's {@code load_state_dict}); each optimizer state
 * tensor under {@code optimizer.state.<index>.<name>}, PyTorch's {@code
 * optimizer.state_dict()["state"][index][name]}; everything else (format version, epoch, extra, the
 * optimizer's class name, its {@code param_groups} with hyper-parameters, non-tensor state) as one
 * JSON string under the {@code __metadata__} key {@value #METADATA_KEY}.
 */
public final class Checkpoint {
  /** The format version this class writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  /** The {@code __metadata__} key holding the checkpoint's JSON. */
  public static final String METADATA_KEY = "jgrad.checkpoint";

  /** Prefix of the model's tensors: {@code model.0.weight}. */
  public static final String MODEL_PREFIX = "model.";

  /** Prefix of the optimizer's state tensors: {@code optimizer.state.0.momentum_buffer}. */
  public static final String OPTIMIZER_STATE_PREFIX = "optimizer.state.";

  /** The {@code extra} key under which a learning-rate scheduler's state dict is kept, as JSON. */
  public static final String SCHEDULER_KEY = "jgrad.scheduler";

  private Checkpoint() {}

  /**
   * What {@link #load} restored: the saved epoch and extra strings, and the model keys a non-strict
   * load skipped.
   *
   * <p>{@code for (int e = loaded.epoch(); e < epochs; e++) train();}
   *
   * @param epoch the epoch passed to {@link #save}
   * @param extra the extra strings passed to {@link #save}
   * @param modelKeys missing and unexpected model keys (both empty after a strict load)
   */
  public record Loaded(int epoch, Map<String, String> extra, IncompatibleKeys modelKeys) {
    /** Copies {@code extra} so the record stays immutable. */
    public Loaded {
      extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
  }

  /**
   * Everything a checkpoint file holds, without a model to load it into.
   *
   * <p>{@code Checkpoint.read(path).model().keySet()} lists the saved parameter names.
   *
   * @param version the file's format version
   * @param epoch the saved epoch
   * @param extra the saved extra strings
   * @param model the model's state dict, names without the {@code model.} prefix
   * @param optimizerType the optimizer's class name ({@code "SGD"}, {@code "Adam"}), if saved
   * @param optimizer the optimizer's state dict in {@link Optimizer#stateDict()}'s layout, if
   *     saved; accepted by {@link Optimizer#loadStateDict}
   */
  public record Contents(
      int version,
      int epoch,
      Map<String, String> extra,
      LinkedHashMap<String, Tensor> model,
      Optional<String> optimizerType,
      Optional<Map<String, Object>> optimizer) {}

  /**
   * Writes {@code model}'s and {@code optimizer}'s state with {@code epoch} and {@code extra} to
   * {@code path}, replacing any previous file atomically.
   *
   * <p>{@code Checkpoint.save(Path.of("run.safetensors"), model, opt, epoch + 1, Map.of("lr",
   * "0.1"))} after an epoch: {@code epoch} is whatever the caller counts, conventionally the number
   * of completed epochs.
   *
   * @throws IllegalArgumentException if {@code epoch} is negative or the optimizer's state holds a
   *     value with no JSON form
   * @throws IOException if writing fails; the previous file is then untouched
   */
  public static void save(
      Path path, Module model, Optimizer optimizer, int epoch, Map<String, String> extra)
      throws IOException {
    Objects.requireNonNull(optimizer, "optimizer");
    CheckpointCodec.Encoded encoded =
        CheckpointCodec.encode(model, Optional.of(optimizer), epoch, extra);
    SafeTensors.save(encoded.tensors(), encoded.metadata(), path);
  }

  /**
   * Also saves {@code scheduler}'s state dict (PyTorch's {@code scheduler.state_dict()}), so that
   * the learning-rate schedule resumes where it stopped.
   *
   * <p>{@code Checkpoint.save(path, model, opt, new StepLR(opt, 10), epoch, Map.of())}.
   *
   * @throws IllegalArgumentException as the plain save, or if {@code extra} already uses {@link
   *     #SCHEDULER_KEY}
   */
  public static void save(
      Path path,
      Module model,
      Optimizer optimizer,
      LRScheduler scheduler,
      int epoch,
      Map<String, String> extra)
      throws IOException {
    if (extra.containsKey(SCHEDULER_KEY)) {
      throw new IllegalArgumentException(
          "Checkpoint.save: extra must not use the reserved key '" + SCHEDULER_KEY + "'");
    }
    Map<String, String> withScheduler = new LinkedHashMap<>(extra);
    withScheduler.put(SCHEDULER_KEY, Json.write(scheduler.stateDict(), Json.Dialect.PYTHON));
    save(path, model, optimizer, epoch, withScheduler);
  }

  /**
   * Restores {@code model}, {@code optimizer} and {@code scheduler} saved by {@link #save(Path,
   * Module, Optimizer, LRScheduler, int, Map)}; the returned {@code extra} omits the scheduler's
   * entry.
   *
   * <p>{@code int start = Checkpoint.load(path, model, opt, scheduler).epoch();}
   *
   * @throws IllegalArgumentException as {@link #load(Path, Module, Optimizer)}, or if the file
   *     holds no scheduler state
   */
  public static Loaded load(Path path, Module model, Optimizer optimizer, LRScheduler scheduler)
      throws IOException {
    Contents contents = read(path);
    String state = contents.extra().get(SCHEDULER_KEY);
    if (state == null) {
      throw new IllegalArgumentException(
          "checkpoint " + path + " holds no scheduler state (saved without a scheduler)");
    }
    Loaded loaded = load(path, model, optimizer, true);
    @SuppressWarnings("unchecked")
    Map<String, Object> schedulerState =
        (Map<String, Object>) Json.parse(state, Json.Dialect.PYTHON);
    scheduler.loadStateDict(schedulerState);
    Map<String, String> extra = new LinkedHashMap<>(loaded.extra());
    extra.remove(SCHEDULER_KEY);
    return new Loaded(loaded.epoch(), extra, loaded.modelKeys());
  }

  /**
   * Writes only {@code model}'s state with {@code epoch} and {@code extra}, for inference or
   * fine-tuning with a new optimizer.
   *
   * <p>{@code Checkpoint.save(path, model, 10, Map.of("note", "final"))}.
   *
   * @throws IllegalArgumentException if {@code epoch} is negative
   */
  public static void save(Path path, Module model, int epoch, Map<String, String> extra)
      throws IOException {
    CheckpointCodec.Encoded encoded = CheckpointCodec.encode(model, Optional.empty(), epoch, extra);
    SafeTensors.save(encoded.tensors(), encoded.metadata(), path);
  }

  /**
   * Restores {@code model} (strictly) and {@code optimizer} from {@code path}; training continues
   * bit for bit as if it had not stopped.
   *
   * <p>{@code int start = Checkpoint.load(path, model, opt).epoch();}
   *
   * @throws CheckpointFormatException if the file is not a readable checkpoint
   * @throws IllegalArgumentException with PyTorch's message on missing or unexpected keys or a size
   *     mismatch, or if the file holds no optimizer state or another optimizer's; the model and
   *     optimizer are then left as they were
   */
  public static Loaded load(Path path, Module model, Optimizer optimizer) throws IOException {
    return load(path, model, optimizer, true);
  }

  /**
   * Restores {@code model} and {@code optimizer}; {@code strict} false tolerates missing and
   * unexpected model keys, as {@link Module#loadStateDict(Map, boolean)} does.
   *
   * <p>{@code Checkpoint.load(path, biggerModel, opt, false).modelKeys().missingKeys()}.
   *
   * @throws IllegalArgumentException as {@link #load(Path, Module, Optimizer)}; shape mismatches
   *     fail even when not strict
   */
  public static Loaded load(Path path, Module model, Optimizer optimizer, boolean strict)
      throws IOException {
    Objects.requireNonNull(optimizer, "optimizer");
    Contents contents = read(path);
    String actual = optimizer.getClass().getSimpleName();
    if (contents.optimizer().isEmpty()) {
      throw new IllegalArgumentException(
          "checkpoint "
              + path
              + " holds no optimizer state"
              + " (saved without an optimizer); load it with Checkpoint.load(path, model)");
    }
    String saved = contents.optimizerType().orElseThrow();
    if (!saved.equals(actual)) {
      throw new IllegalArgumentException(
          "checkpoint "
              + path
              + " holds "
              + saved
              + " state, which cannot be loaded into "
              + actual);
    }
    // Module.loadStateDict copies matching entries before it reports errors, as PyTorch's does;
    // keep a copy so a failed load leaves the model as it was.
    LinkedHashMap<String, Tensor> before = new LinkedHashMap<>();
    model.stateDict().forEach((k, v) -> before.put(k, v.clone()));
    IncompatibleKeys keys;
    try {
      keys = model.loadStateDict(contents.model(), strict);
      optimizer.loadStateDict(contents.optimizer().get());
    } catch (RuntimeException e) {
      model.loadStateDict(before, false);
      throw e;
    }
    return new Loaded(contents.epoch(), contents.extra(), keys);
  }

  /**
   * Restores only {@code model} (strictly) from {@code path}, ignoring any optimizer state.
   *
   * <p>{@code Checkpoint.load(path, model).epoch()}.
   *
   * @throws IllegalArgumentException with PyTorch's message on missing or unexpected keys or a size
   *     mismatch
   */
  public static Loaded load(Path path, Module model) throws IOException {
    Contents contents = read(path);
    IncompatibleKeys keys = model.loadStateDict(contents.model(), true);
    return new Loaded(contents.epoch(), contents.extra(), keys);
  }

  /**
   * Reads a checkpoint without applying it: tensors onto the CPU, metadata decoded and checked.
   *
   * <p>{@code Checkpoint.read(path).epoch()}.
   *
   * @throws CheckpointFormatException if the file is not a readable checkpoint
   * @throws io.jgrad.io.SafeTensorsFormatException if it is not a valid safetensors file
   */
  public static Contents read(Path path) throws IOException {
    return CheckpointCodec.decode(path);
  }
}
