package io.jgrad.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CudaStatusTest {
  @Test
  void namesTheCommonCodes() {
    assertThat(CudaStatus.driverName(0)).isEqualTo("CUDA_SUCCESS");
    assertThat(CudaStatus.driverName(2)).isEqualTo("CUDA_ERROR_OUT_OF_MEMORY");
    assertThat(CudaStatus.driverName(100)).isEqualTo("CUDA_ERROR_NO_DEVICE");
    assertThat(CudaStatus.driverName(700)).isEqualTo("CUDA_ERROR_ILLEGAL_ADDRESS");
    assertThat(CudaStatus.nvrtcName(6)).isEqualTo("NVRTC_ERROR_COMPILATION");
    assertThat(CudaStatus.nvrtcName(7)).isEqualTo("NVRTC_ERROR_BUILTIN_OPERATION_FAILURE");
    assertThat(CudaStatus.cublasName(13)).isEqualTo("CUBLAS_STATUS_EXECUTION_FAILED");
  }

  @Test
  void unknownCodesAreNamedAsSuch() {
    assertThat(CudaStatus.driverName(12345)).isEqualTo("CUDA_ERROR_UNRECOGNIZED_12345");
    assertThat(CudaStatus.cublasName(2)).isEqualTo("CUBLAS_STATUS_UNRECOGNIZED_2");
  }

  @Test
  void exceptionCarriesCallCodeAndName() {
    CudaException e =
        new CudaException("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY", "4096 bytes");
    assertThat(e.call()).isEqualTo("cuMemAlloc_v2");
    assertThat(e.status()).isEqualTo(2);
    assertThat(e.statusName()).isEqualTo("CUDA_ERROR_OUT_OF_MEMORY");
    assertThat(e).hasMessage("cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2): 4096 bytes");
  }

  private static void matchesEnum(String headerName, Map<Integer, String> table, String prefix)
      throws IOException {
    Optional<Path> header = BindingSignaturesTest.header(headerName);
    assumeTrue(header.isPresent(), headerName + " not found; skipping the enum comparison");
    Matcher m =
        Pattern.compile("(?m)^\\s*(" + prefix + "\\w*)\\s*=\\s*(\\d+)")
            .matcher(Files.readString(header.get()));
    int seen = 0;
    while (m.find()) {
      int code = Integer.parseInt(m.group(2));
      if (table.containsKey(code) && table.get(code).equals(m.group(1))) {
        seen++;
      } else {
        assertThat(table.values()).as("%s = %s", m.group(1), code).doesNotContain(m.group(1));
      }
    }
    assertThat(seen).isEqualTo(table.size());
  }

  @Test
  void driverTableMatchesCudaH() throws IOException {
    matchesEnum("cuda.h", CudaStatus.DRIVER, "CUDA_(?:SUCCESS|ERROR_)");
  }

  @Test
  void nvrtcTableMatchesNvrtcH() throws IOException {
    matchesEnum("nvrtc.h", CudaStatus.NVRTC, "NVRTC_");
  }

  @Test
  void cublasTableMatchesCublasApiH() throws IOException {
    matchesEnum("cublas_api.h", CudaStatus.CUBLAS, "CUBLAS_STATUS_");
  }
}
