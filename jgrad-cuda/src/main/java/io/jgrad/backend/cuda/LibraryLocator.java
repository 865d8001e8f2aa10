package io.jgrad.backend.cuda;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Finds and loads the CUDA libraries, and says what it searched when it cannot.
 *
 * <p>Order: the explicit {@code jgrad.cuda.libraryPath} property or {@code JGRAD_CUDA_LIBRARY_PATH}
 * (colon-separated folders); the dynamic loader by soname ({@code LD_LIBRARY_PATH}, ld cache);
 * {@code CUDA_HOME}, {@code CUDA_PATH} and {@code /usr/local/cuda}; pip wheels ({@code
 * site-packages/nvidia/cu13/lib} for CUDA 13, {@code nvidia/<lib>/lib} for 12). Companions are
 * loaded first by absolute path from the same folder ({@code libnvrtc-builtins} before {@code
 * libnvrtc}, {@code libcublasLt} before {@code libcublas}), because the CUDA 13 wheels lack the
 * RUNPATH that would let the library find them itself. {@code
 * LibraryLocator.system().load(LibraryLocator.NVRTC)}.
 */
final class LibraryLocator {
  /** One library: its sonames, newest first, and the wheel subfolder of CUDA 12 layouts. */
  record Library(String name, List<String> sonames, String wheel12Folder) {}

  /** The driver: always from the loader (it ships with the driver, never with jgrad). */
  static final Library DRIVER = new Library("libcuda", List.of("libcuda.so.1"), "");

  /** NVRTC, the runtime compiler. */
  static final Library NVRTC =
      new Library("libnvrtc", List.of("libnvrtc.so.13", "libnvrtc.so.12"), "cuda_nvrtc");

  /** cuBLAS. */
  static final Library CUBLAS =
      new Library("libcublas", List.of("libcublas.so.13", "libcublas.so.12"), "cublas");

  /** Opens a library by soname or absolute path; throws IllegalArgumentException when it cannot. */
  @FunctionalInterface
  interface Loader {
    SymbolLookup open(String nameOrPath);
  }

  /** A loaded library and where it came from. */
  record Loaded(SymbolLookup lookup, String origin) {}

  private final UnaryOperator<String> environment;
  private final UnaryOperator<String> properties;
  private final Path home;
  private final List<Path> roots;
  private final Loader loader;

  /**
   * A locator over the given environment; {@code roots} are the prefixes whose {@code
   * lib/python3.X/site-packages} folders are searched for wheels.
   */
  LibraryLocator(
      UnaryOperator<String> environment,
      UnaryOperator<String> properties,
      Path home,
      List<Path> roots,
      Loader loader) {
    this.environment = environment;
    this.properties = properties;
    this.home = home;
    this.roots = roots;
    this.loader = loader;
  }

  /** The locator for this process: real environment, system properties and dlopen. */
  static LibraryLocator system() {
    return new LibraryLocator(
        System::getenv,
        System::getProperty,
        Path.of(System.getProperty("user.home", "/root")),
        List.of(Path.of("/usr"), Path.of("/usr/local"), Path.of("/opt/conda")),
        LibraryLocator::dlopen);
  }

  private static SymbolLookup dlopen(String nameOrPath) {
    return nameOrPath.startsWith("/")
        ? SymbolLookup.libraryLookup(Path.of(nameOrPath), Arena.global())
        : SymbolLookup.libraryLookup(nameOrPath, Arena.global());
  }

  /** The explicit folders, from the system property then the environment variable. */
  List<Path> explicitFolders() {
    List<Path> folders = new ArrayList<>();
    for (String value :
        new String[] {
          properties.apply("jgrad.cuda.libraryPath"), environment.apply("JGRAD_CUDA_LIBRARY_PATH")
        }) {
      if (value != null) {
        for (String part : value.split(":")) {
          if (!part.isBlank()) {
            folders.add(Path.of(part.trim()));
          }
        }
      }
    }
    return folders;
  }

  /** Toolkit folders: CUDA_HOME, CUDA_PATH, /usr/local/cuda. */
  List<Path> toolkitFolders() {
    Set<Path> folders = new LinkedHashSet<>();
    for (String variable : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
      String value = environment.apply(variable);
      if (value != null && !value.isBlank()) {
        folders.add(Path.of(value, "lib64"));
        folders.add(Path.of(value, "targets", "x86_64-linux", "lib"));
      }
    }
    folders.add(Path.of("/usr/local/cuda/lib64"));
    folders.add(Path.of("/usr/local/cuda/targets/x86_64-linux/lib"));
    return new ArrayList<>(folders);
  }

  /** The site-packages folders of virtual environments, conda, PYTHONPATH and the usual roots. */
  List<Path> sitePackages() {
    Set<Path> result = new LinkedHashSet<>();
    String pythonPath = environment.apply("PYTHONPATH");
    if (pythonPath != null) {
      for (String part : pythonPath.split(":")) {
        if (!part.isBlank()) {
          result.add(Path.of(part));
        }
      }
    }
    List<Path> prefixes = new ArrayList<>();
    for (String variable : new String[] {"VIRTUAL_ENV", "CONDA_PREFIX"}) {
      String value = environment.apply(variable);
      if (value != null && !value.isBlank()) {
        prefixes.add(Path.of(value));
      }
    }
    prefixes.add(home.resolve(".local"));
    prefixes.addAll(roots);
    for (Path prefix : prefixes) {
      Path lib = prefix.resolve("lib");
      try (Stream<Path> children = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
        children
            .filter(p -> p.getFileName().toString().startsWith("python3"))
            .sorted()
            .forEach(
                p -> {
                  result.add(p.resolve("site-packages"));
                  result.add(p.resolve("dist-packages"));
                });
      } catch (IOException e) {
        // An unreadable prefix is simply not a place the libraries can be.
      }
      if (prefix.toString().equals("/usr")) {
        result.add(prefix.resolve("lib/python3/dist-packages"));
      }
    }
    return new ArrayList<>(result);
  }

  /** Wheel library folders for {@code library}: the CUDA 13 layout, then the 12 layout. */
  List<Path> wheelFolders(Library library) {
    List<Path> folders = new ArrayList<>();
    for (Path site : sitePackages()) {
      folders.add(site.resolve("nvidia/cu13/lib"));
      if (!library.wheel12Folder().isEmpty()) {
        folders.add(site.resolve("nvidia").resolve(library.wheel12Folder()).resolve("lib"));
      }
    }
    return folders;
  }

  /**
   * Loads {@code library} from the first place that has it.
   *
   * @throws IllegalStateException naming every place searched and why each candidate failed
   */
  Loaded load(Library library) {
    List<String> failures = new ArrayList<>();
    List<Path> searched = new ArrayList<>();
    Optional<Loaded> found = fromFolders(library, explicitFolders(), searched, failures);
    if (found.isEmpty()) {
      found = fromLoader(library, failures);
    }
    if (found.isEmpty() && library != DRIVER) {
      found = fromFolders(library, toolkitFolders(), searched, failures);
      if (found.isEmpty()) {
        found = fromFolders(library, wheelFolders(library), searched, failures);
      }
    }
    return found.orElseThrow(
        () ->
            new IllegalStateException(
                library.name()
                    + " not found ("
                    + String.join(", ", library.sonames())
                    + "); "
                    + (failures.isEmpty() ? "" : String.join("; ", failures) + "; ")
                    + "searched the dynamic loader path"
                    + (searched.isEmpty() ? "" : " and " + searched)
                    + (library == DRIVER ? "; libcuda.so.1 comes with the NVIDIA driver" : "")));
  }

  private Optional<Loaded> fromLoader(Library library, List<String> failures) {
    for (String soname : library.sonames()) {
      try {
        return Optional.of(new Loaded(loader.open(soname), soname + " (dynamic loader)"));
      } catch (IllegalArgumentException e) {
        failures.add(soname + " by soname: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private Optional<Loaded> fromFolders(
      Library library, List<Path> folders, List<Path> searched, List<String> failures) {
    for (Path folder : folders) {
      searched.add(folder);
      for (String soname : library.sonames()) {
        Path file = folder.resolve(soname);
        if (!Files.isRegularFile(file)) {
          continue;
        }
        try {
          for (Path companion : companions(library, folder, soname)) {
            loader.open(companion.toAbsolutePath().toString());
          }
          SymbolLookup lookup = loader.open(file.toAbsolutePath().toString());
          return Optional.of(new Loaded(lookup, file.toString()));
        } catch (IllegalArgumentException e) {
          failures.add(file + ": " + e.getMessage());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The libraries that {@code soname} opens by soname at run time and that must therefore be loaded
   * first from the same folder: NVRTC's builtins (not the {@code .alt} variant) and cuBLASLt, of
   * the same major version.
   */
  static List<Path> companions(Library library, Path folder, String soname) {
    String major = soname.substring(soname.lastIndexOf(".so.") + 4);
    String prefix;
    if (library == NVRTC) {
      prefix = "libnvrtc-builtins.so." + major;
    } else if (library == CUBLAS) {
      prefix = "libcublasLt.so." + major;
    } else {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(
              p -> {
                String name = p.getFileName().toString();
                return name.equals(prefix) || name.startsWith(prefix + ".");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
