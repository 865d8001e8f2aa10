package io.jgrad.backend.cpu;

/**
 * Picks the {@link FloatKernels} implementation once: the Vector API one when the {@code
 * jdk.incubator.vector} module is readable and {@code -Djgrad.cpu.vector=false} is not set, else
 * the scalar twin. The vector class is loaded by name so that nothing links against the incubator
 * module when it is absent.
 */
final class KernelSelection {
  static final FloatKernels ACTIVE = select();

  private KernelSelection() {}

  private static FloatKernels select() {
    if (!Boolean.parseBoolean(System.getProperty("jgrad.cpu.vector", "true"))) {
      return ScalarFloatKernels.INSTANCE;
    }
    boolean readable =
        ModuleLayer.boot()
            .findModule("jdk.incubator.vector")
            .map(module -> KernelSelection.class.getModule().canRead(module))
            .orElse(false);
    if (!readable) {
      return ScalarFloatKernels.INSTANCE;
    }
    try {
      Class<?> type = Class.forName("io.jgrad.backend.cpu.vector.VectorFloatKernels");
      return (FloatKernels) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return ScalarFloatKernels.INSTANCE;
    }
  }
}
