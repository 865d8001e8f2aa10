package io.jgrad.autograd;

/**
 * Whether operations record history for backward, per thread (as {@code torch.is_grad_enabled}).
 *
 * <p>{@code try (var g = GradMode.noGrad()) { w.sub_(w.grad().mul(lr)); }}. Scopes nest and restore
 * the previous mode on close; a Spark task in another thread of the same JVM has its own mode.
 */
public final class GradMode {
  private static final ThreadLocal<boolean[]> ENABLED =
      ThreadLocal.withInitial(() -> new boolean[] {true});

  private GradMode() {}

  /** Whether grad mode is on in this thread. */
  public static boolean isEnabled() {
    return ENABLED.get()[0];
  }

  /** Sets grad mode for this thread; prefer the scopes. */
  public static void setEnabled(boolean enabled) {
    ENABLED.get()[0] = enabled;
  }

  /** Disables gradient recording until the returned scope closes. */
  public static Scope noGrad() {
    return new Scope(false);
  }

  /** Enables gradient recording until the returned scope closes (inside a {@link #noGrad()}). */
  public static Scope enableGrad() {
    return new Scope(true);
  }

  /** A grad-mode scope; closing it restores the mode that was in force when it opened. */
  public static final class Scope implements AutoCloseable {
    private final boolean previous;
    private final Thread owner;

    private Scope(boolean enabled) {
      boolean[] state = ENABLED.get();
      this.previous = state[0];
      this.owner = Thread.currentThread();
      state[0] = enabled;
    }

    @Override
    public void close() {
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException(
            "grad-mode scope closed on thread "
                + Thread.currentThread().getName()
                + " but opened on "
                + owner.getName());
      }
      ENABLED.get()[0] = previous;
    }
  }
}
