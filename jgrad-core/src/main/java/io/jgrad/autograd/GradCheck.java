package io.jgrad.autograd;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.ops.Elementwise;
import java.util.function.Function;

/**
 * Compares autograd's gradients with central finite differences, as {@code
 * torch.autograd.gradcheck}. Inputs should be float64 for the differences to be meaningful.
 *
 * <p>{@code GradCheck.gradcheck(in -> in[0].mul(in[1]).sum(), a, b)} returns true or throws.
 */
public final class GradCheck {
  /** Perturbation used by PyTorch's gradcheck. */
  public static final double EPS = 1e-6;

  /** Absolute tolerance, PyTorch's default. */
  public static final double ATOL = 1e-5;

  /** Relative tolerance, PyTorch's default. */
  public static final double RTOL = 1e-3;

  private GradCheck() {}

  /**
   * Checks every input that requires grad.
   *
   * @return true when all Jacobian entries agree
   * @throws IllegalStateException naming the input, the entry and both values on the first
   *     disagreement
   */
  public static boolean gradcheck(Function<Tensor[], Tensor> fn, Tensor... inputs) {
    return gradcheck(fn, EPS, ATOL, RTOL, inputs);
  }

  /** {@link #gradcheck(Function, Tensor...)} with explicit eps and tolerances. */
  public static boolean gradcheck(
      Function<Tensor[], Tensor> fn, double eps, double atol, double rtol, Tensor... inputs) {
    Tensor output = fn.apply(inputs);
    int outputs = output.numel();
    for (int k = 0; k < inputs.length; k++) {
      Tensor input = inputs[k];
      if (!input.requiresGrad()) {
        continue;
      }
      if (input.dtype() != DType.FLOAT64) {
        throw new IllegalArgumentException(
            "gradcheck: input "
                + k
                + " has dtype "
                + input.dtype()
                + "; use float64 inputs, finite differences in float32 are too coarse");
      }
      double[][] numerical = numericalJacobian(fn, inputs, k, eps, outputs);
      double[][] analytical = analyticalJacobian(fn, inputs, k, outputs);
      for (int i = 0; i < input.numel(); i++) {
        for (int j = 0; j < outputs; j++) {
          double a = analytical[i][j];
          double n = numerical[i][j];
          if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
            throw new IllegalStateException(
                String.format(
                    "Jacobian mismatch for output %d with respect to input %d (element %d),%n"
                        + "numerical:%s%nanalytical:%s",
                    j, k, i, n, a));
          }
        }
      }
    }
    return true;
  }

  private static double[][] numericalJacobian(
      Function<Tensor[], Tensor> fn, Tensor[] inputs, int k, double eps, int outputs) {
    Tensor input = inputs[k];
    Tensor flat = input.detach().reshape(input.numel());
    double[][] jacobian = new double[input.numel()][outputs];
    try (var noGrad = GradMode.noGrad()) {
      for (int i = 0; i < input.numel(); i++) {
        Tensor element = flat.narrow(0, i, 1);
        double original = element.item();
        element.fill_(original + eps);
        double[] plus = fn.apply(inputs).toDoubleArray();
        element.fill_(original - eps);
        double[] minus = fn.apply(inputs).toDoubleArray();
        element.fill_(original);
        for (int j = 0; j < outputs; j++) {
          jacobian[i][j] = (plus[j] - minus[j]) / (2 * eps);
        }
      }
    }
    return jacobian;
  }

  private static double[][] analyticalJacobian(
      Function<Tensor[], Tensor> fn, Tensor[] inputs, int k, int outputs) {
    Tensor input = inputs[k];
    double[][] jacobian = new double[input.numel()][outputs];
    for (int j = 0; j < outputs; j++) {
      for (Tensor t : inputs) {
        if (t.requiresGrad()) {
          t.clearGrad();
        }
      }
      Tensor output = fn.apply(inputs);
      Tensor gradOutput = Elementwise.zerosLike(output);
      gradOutput.reshape(output.numel()).narrow(0, j, 1).fill_(1);
      output.backward(gradOutput);
      double[] grad = input.hasGrad() ? input.grad().toDoubleArray() : new double[input.numel()];
      for (int i = 0; i < input.numel(); i++) {
        jacobian[i][j] = grad[i];
      }
    }
    for (Tensor t : inputs) {
      if (t.requiresGrad()) {
        t.clearGrad();
      }
    }
    return jacobian;
  }
}
