package io.jgrad.backend;

import io.jgrad.Device;
import io.jgrad.backend.cpu.CpuBackend;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the {@link Backend} for a device: the CPU built in, others through {@link ServiceLoader} of
 * {@link BackendProvider}.
 *
 * <p>{@code Backends.of(Device.CPU).allocate(FLOAT32, 4)}.
 */
public final class Backends {
  private static final Backend CPU = new CpuBackend();
  private static final Map<Device, Backend> LOADED = new ConcurrentHashMap<>();

  private Backends() {}

  /**
   * The backend for {@code device}.
   *
   * @throws IllegalStateException when no provider supports the device, with the reason
   */
  public static Backend of(Device device) {
    if (device.isCpu()) {
      return CPU;
    }
    return LOADED.computeIfAbsent(device, Backends::load);
  }

  private static Backend load(Device device) {
    StringBuilder reasons = new StringBuilder();
    for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
      if (!provider.deviceType().equals(device.type())) {
        continue;
      }
      var availability = provider.unavailableReason();
      if (availability.isPresent()) {
        reasons.append(availability.get());
        continue;
      }
      return provider.create(device);
    }
    String why =
        reasons.isEmpty()
            ? "no jgrad backend for '"
                + device.type()
                + "' on the class path (add the jgrad-"
                + device.type()
                + " module)"
            : reasons.toString();
    throw new IllegalStateException(
        device.type().toUpperCase(java.util.Locale.ROOT) + " not available: " + why);
  }
}
