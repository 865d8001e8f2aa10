package io.jgrad.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs B1 to B5 for jgrad and every peer present (DJL/libtorch and ND4J when built with {@code
 * -Ppeers}, PyTorch when a Python with torch is found), each in its own process limited to the same
 * thread count, and prints one table with the ratios jgrad/peer.
 *
 * <p>{@code jgrad-bench/compare.sh} builds the module and calls this; see docs/BENCHMARKS.md.
 */
public final class Compare {
  private static final String[] KEYS = {
    "b1_ms",
    "b2_ms",
    "b3_add2000_ns",
    "b3_add1_ns",
    "b3_add2000_inplace_ns",
    "b4_mm256_gflops_t1",
    "b4_mm1024_gflops_t1",
    "b4_mm2048_gflops_t1",
    "b4_mm256_gflops_t2",
    "b4_mm1024_gflops_t2",
    "b4_mm2048_gflops_t2",
    "b5_ms",
    "b1_alloc_kb_per_step",
    "b1_heap_growth_mb"
  };

  private Compare() {}

  /** Options: {@code --only jgrad,djl,nd4j,torch} and {@code --benches b1,b2,b3,b4,b5}. */
  public static void main(String[] args) throws IOException, InterruptedException {
    List<String> engines = List.of("jgrad", "djl", "nd4j", "torch");
    String benches = "b1,b2,b3,b4,b5";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--only" -> engines = List.of(args[i + 1].split(","));
        case "--benches" -> benches = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Map<String, Map<String, Double>> results = new LinkedHashMap<>();
    for (String engine : engines) {
      Map<String, Double> values = new LinkedHashMap<>();
      String otherBenches = benches.replace("b4", "").replaceAll(",+", ",");
      if (!otherBenches.replace(",", "").isEmpty()) {
        values.putAll(run(engine, 2, otherBenches, ""));
      }
      if (benches.contains("b4")) {
        values.putAll(run(engine, 1, "b4", "_t1"));
        values.putAll(run(engine, 2, "b4", "_t2"));
      }
      if (!values.isEmpty()) {
        results.put(engine, values);
      }
    }
    System.out.println();
    System.out.print(table(results));
  }

  private static Map<String, Double> run(String engine, int threads, String benches, String suffix)
      throws IOException, InterruptedException {
    List<String> command = command(engine, threads, benches);
    if (command == null) {
      return Map.of();
    }
    System.err.println("[compare] " + engine + " threads=" + threads + " " + benches);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    builder.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
    builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    Process process = builder.start();
    Map<String, Double> values = new LinkedHashMap<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          String[] parts = line.split(" ");
          values.put(parts[1] + suffix, Double.parseDouble(parts[2]));
          System.err.println("[compare]   " + engine + " " + parts[1] + suffix + " = " + parts[2]);
        } else if (Boolean.getBoolean("bench.verbose")) {
          System.err.println("[" + engine + "] " + line);
        }
      }
    }
    int rc = process.waitFor();
    if (rc != 0) {
      System.err.println(
          "[compare] "
              + engine
              + " exited with "
              + rc
              + " (rerun with"
              + " -Dbench.verbose=true to see its output)");
    }
    return values;
  }

  /** The child command for {@code engine}, or null when that engine is not available here. */
  private static List<String> command(String engine, int threads, String benches) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    String time = System.getProperty("bench.time", "1");
    List<String> command = new ArrayList<>();
    switch (engine) {
      case "jgrad" -> {
        command.addAll(
            List.of(
                java,
                "--add-modules",
                "jdk.incubator.vector",
                "--add-exports",
                "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-XX:+UseTransparentHugePages",
                "-Djgrad.cpu.threads=" + threads));
        command.addAll(extraJvmArgs());
        command.addAll(
            List.of(
                "-Dbench.time=" + time,
                "-cp",
                classPath,
                EngineRun.class.getName(),
                JgradSuite.class.getName(),
                benches));
      }
      case "djl", "nd4j" -> {
        String suite =
            engine.equals("djl")
                ? "io.jgrad.bench.peers.DjlSuite"
                : "io.jgrad.bench.peers.Nd4jSuite";
        if (!onClassPath(suite)) {
          System.err.println("[compare] " + engine + " skipped: build with -Ppeers to include it");
          return null;
        }
        command.addAll(
            List.of(
                java,
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + threads,
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dbench.time=" + time,
                "-cp",
                classPath,
                EngineRun.class.getName(),
                suite,
                benches));
      }
      case "torch" -> {
        String python = System.getProperty("bench.python", ".venv/bin/python");
        Path script =
            Path.of(
                System.getProperty(
                    "bench.torchScript", "jgrad-bench/src/main/python/bench_torch.py"));
        if (!Files.isExecutable(Path.of(python)) || !Files.exists(script)) {
          System.err.println("[compare] torch skipped: no " + python + " or " + script);
          return null;
        }
        command.addAll(
            List.of(
                python,
                script.toString(),
                "--threads",
                Integer.toString(threads),
                "--benches",
                benches,
                "--time",
                time));
      }
      default -> throw new IllegalArgumentException("unknown engine " + engine);
    }
    return command;
  }

  private static List<String> extraJvmArgs() {
    String extra = System.getProperty("bench.jvmArgs", "").trim();
    return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
  }

  private static boolean onClassPath(String className) {
    try {
      Class.forName(className, false, Compare.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The Markdown table: one row per measurement, jgrad then each peer with jgrad/peer. */
  static String table(Map<String, Map<String, Double>> results) {
    List<String> peers = new ArrayList<>(results.keySet());
    peers.remove("jgrad");
    Map<String, Double> mine = results.getOrDefault("jgrad", Map.of());
    StringBuilder header = new StringBuilder("| bench | jgrad |");
    StringBuilder rule = new StringBuilder("| --- | ---: |");
    for (String peer : peers) {
      header.append(' ').append(peer).append(" | jgrad/").append(peer).append(" |");
      rule.append(" ---: | ---: |");
    }
    StringBuilder out = new StringBuilder().append(header).append('\n').append(rule).append('\n');
    for (String key : KEYS) {
      boolean any = results.values().stream().anyMatch(v -> v.containsKey(key));
      if (!any) {
        continue;
      }
      Double own = mine.get(key);
      out.append("| ").append(key).append(" | ").append(format(own)).append(" |");
      for (String peer : peers) {
        Double theirs = results.get(peer).get(key);
        String ratio =
            own == null || theirs == null || theirs == 0 ? "" : format(own / theirs) + "x";
        out.append(' ').append(format(theirs)).append(" | ").append(ratio).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String format(Double value) {
    if (value == null) {
      return "-";
    }
    double v = value;
    return String.format(
        Locale.ROOT,
        Math.abs(v) >= 100
            ? "%.0f"
            : Math.abs(v) >= 10 ? "%.1f" : Math.abs(v) >= 1 ? "%.2f" : "%.3f",
        v);
  }
}
