package io.jgrad.backend.cuda;

/**
 * A CUDA driver, NVRTC or cuBLAS call that returned a status other than success.
 *
 * <p>{@code new CudaException("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY", "4096 bytes")} reads
 * "cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2): 4096 bytes".
 */
public final class CudaException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String call;
  private final int status;
  private final String statusName;

  /** An exception for {@code call} having returned {@code status} ({@code statusName}). */
  public CudaException(String call, int status, String statusName, String detail) {
    super(
        call
            + " failed: "
            + statusName
            + " ("
            + status
            + ")"
            + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    this.call = call;
    this.status = status;
    this.statusName = statusName;
  }

  /** The exported symbol that failed, such as {@code "cuMemAlloc_v2"}. */
  public String call() {
    return call;
  }

  /** The numeric status code the call returned. */
  public int status() {
    return status;
  }

  /** The status code's name, such as {@code "CUDA_ERROR_OUT_OF_MEMORY"}. */
  public String statusName() {
    return statusName;
  }
}
