package io.jgrad.backend.cuda;

import io.jgrad.Device;
import io.jgrad.backend.Backend;
import io.jgrad.backend.BackendProvider;
import java.util.Optional;

/**
 * Offers {@link CudaBackend} to {@code io.jgrad.backend.Backends} through {@code
 * META-INF/services}. Without a driver it reports why, and {@code Backends.of(cuda:0)} throws "CUDA
 * not available: ..." with that reason.
 *
 * <p>Found by {@code ServiceLoader}; not constructed by hand.
 */
public final class CudaBackendProvider implements BackendProvider {
  /** The provider {@code ServiceLoader} instantiates. */
  public CudaBackendProvider() {}

  @Override
  public String deviceType() {
    return "cuda";
  }

  /**
   * Why CUDA cannot be used here; the caller ({@code Backends}) prefixes "CUDA not available: ".
   * {@link CudaBackend#unavailableReason()} gives the prefixed text.
   */
  @Override
  public Optional<String> unavailableReason() {
    return CudaRuntime.unavailableReason();
  }

  /**
   * The backend of {@code device}.
   *
   * @throws IllegalArgumentException when the ordinal is not a visible device
   */
  @Override
  public Backend create(Device device) {
    CudaRuntime runtime =
        CudaRuntime.get()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        CudaBackend.unavailableReason().orElse("CUDA not available")));
    if (device.index() >= runtime.deviceCount()) {
      throw new IllegalArgumentException(
          "Invalid device "
              + device
              + ": only "
              + runtime.deviceCount()
              + " CUDA device(s) visible (CUDA error: invalid device ordinal)");
    }
    return new CudaBackend(new CudaDevice(device, runtime, runtime.kernelCache()));
  }
}
