package io.jgrad.backend;

import io.jgrad.Device;
import java.util.Optional;

/**
 * Service interface through which optional modules (such as jgrad-cuda) offer a backend.
 *
 * <p>Registered in {@code META-INF/services/io.jgrad.backend.BackendProvider}.
 */
public interface BackendProvider {
  /** The device type served, such as {@code "cuda"}. */
  String deviceType();

  /** Empty when usable here, else why not (for example "no CUDA driver found"). */
  Optional<String> unavailableReason();

  /** The backend for one device of this type. */
  Backend create(Device device);
}
