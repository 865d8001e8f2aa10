package io.jgrad;

/**
 * Options for factories: dtype, device and whether the result requires grad.
 *
 * <p>{@code zeros(Size.of(3), TensorOptions.of(DType.FLOAT64).requiresGrad(true))}.
 *
 * @param dtype element type
 * @param device where to allocate
 * @param requiresGrad whether the new leaf records gradients
 */
public record TensorOptions(DType dtype, Device device, boolean requiresGrad) {
  /** float32 on the CPU, no grad: PyTorch's defaults. */
  public static final TensorOptions DEFAULT = new TensorOptions(DType.FLOAT32, Device.CPU, false);

  /** Default options with {@code dtype}. */
  public static TensorOptions of(DType dtype) {
    return DEFAULT.dtype(dtype);
  }

  /** Default options on {@code device}. */
  public static TensorOptions of(Device device) {
    return DEFAULT.device(device);
  }

  /** A copy with {@code dtype}. */
  public TensorOptions dtype(DType newType) {
    return new TensorOptions(newType, device, requiresGrad);
  }

  /** A copy on {@code device}. */
  public TensorOptions device(Device newDevice) {
    return new TensorOptions(dtype, newDevice, requiresGrad);
  }

  /** A copy with {@code requiresGrad}. */
  public TensorOptions requiresGrad(boolean flag) {
    return new TensorOptions(dtype, device, flag);
  }
}
