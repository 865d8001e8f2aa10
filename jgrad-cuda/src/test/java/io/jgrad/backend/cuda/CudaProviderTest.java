package io.jgrad.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jgrad.Device;
import io.jgrad.backend.Backends;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Discovery through ServiceLoader and the message on machines without CUDA. */
class CudaProviderTest {
  @Test
  void providerIsRegisteredForCuda() {
    assertThat(
            ServiceLoader.load(io.jgrad.backend.BackendProvider.class).stream()
                .map(ServiceLoader.Provider::type))
        .contains(CudaBackendProvider.class);
    assertThat(new CudaBackendProvider().deviceType()).isEqualTo("cuda");
  }

  @Test
  void withoutADriverAskingForCudaExplainsWhy() {
    assumeFalse(CudaBackend.isAvailable(), "CUDA is available here: nothing to explain");
    assertThat(CudaBackend.unavailableReason())
        .get()
        .asString()
        .startsWith("CUDA not available: no usable NVIDIA driver: libcuda not found");
    assertThat(CudaBackend.deviceCount()).isZero();
    assertThatThrownBy(() -> Backends.of(Device.of("cuda:0")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("CUDA not available: no usable NVIDIA driver: libcuda not found")
        .hasMessageContaining("the CPU backend works without it");
  }
}
