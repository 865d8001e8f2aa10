package io.jgrad.optim;

/** Argument checks shared by the optimizers, with PyTorch's messages. */
final class OptimizerChecks {
  private OptimizerChecks() {}

  /** Throws {@code IllegalArgumentException(template % value)} unless {@code value >= 0}. */
  static void nonNegative(double value, String template) {
    // Written as !(value >= 0) so NaN is rejected too, like PyTorch's "not 0.0 <= value".
    if (!(value >= 0)) {
      throw new IllegalArgumentException(String.format(template, value));
    }
  }

  /** Throws unless {@code 0 <= value < 1}, PyTorch's check on Adam's betas. */
  static void inUnitInterval(double value, String template) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(String.format(template, value));
    }
  }
}
