package io.jgrad.backend.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The CPU backend's own pool of platform threads for splitting large kernels (matmul, big
 * elementwise ops). Not the common ForkJoin pool, whose parallelism is 1 on a 2-CPU machine.
 *
 * <p>Size: {@code -Djgrad.cpu.threads=N}, default the number of available processors. Tasks are
 * split statically (task t runs on thread {@code t % threads}); idle workers spin briefly, then
 * park. A second caller arriving while the pool is busy, or a call from inside a task, runs its
 * tasks on its own thread instead of waiting. {@code CpuThreads.parallelFor(4, t -> work(t))}.
 */
public final class CpuThreads {
  private static final int SPIN_NANOS = 50_000;
  private static final int THREADS = configuredThreads();
  private static final Worker[] WORKERS = startWorkers();
  private static final ReentrantLock BUSY = new ReentrantLock();
  private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

  private static final AtomicInteger PENDING = new AtomicInteger();

  private CpuThreads() {}

  /** Threads that share a split kernel, the calling thread included. */
  public static int threads() {
    return THREADS;
  }

  /** Runs {@code body.accept(t)} for {@code t} in {@code [0, tasks)}, split over the pool. */
  public static void parallelFor(int tasks, IntConsumer body) {
    if (tasks <= 1 || THREADS == 1 || INSIDE.get() || !BUSY.tryLock()) {
      for (int t = 0; t < tasks; t++) {
        body.accept(t);
      }
      return;
    }
    try {
      int helpers = Math.min(THREADS, tasks) - 1;
      Job job = new Job(body, tasks, helpers + 1);
      PENDING.set(helpers);
      for (int w = 0; w < helpers; w++) {
        WORKERS[w].wake(job);
      }
      INSIDE.set(true);
      try {
        job.runShare(0);
      } finally {
        INSIDE.set(false);
      }
      long spins = 0;
      while (PENDING.get() > 0) {
        if (++spins < 1_000_000) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      Throwable failure = job.failure.get();
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    } finally {
      BUSY.unlock();
    }
  }

  private static int configuredThreads() {
    int cores = Runtime.getRuntime().availableProcessors();
    String value = System.getProperty("jgrad.cpu.threads");
    if (value == null) {
      return cores;
    }
    try {
      return Math.max(1, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "jgrad.cpu.threads must be a positive integer, got '" + value + "'", e);
    }
  }

  private static Worker[] startWorkers() {
    Worker[] workers = new Worker[THREADS - 1];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = new Worker(w + 1);
      Thread thread = new Thread(workers[w], "jgrad-cpu-" + (w + 1));
      thread.setDaemon(true);
      workers[w].thread = thread;
      thread.start();
    }
    return workers;
  }

  /** One split kernel: the body, its task count and the number of threads sharing it. */
  private record Job(IntConsumer body, int tasks, int stride, AtomicReference<Throwable> failure) {
    Job(IntConsumer body, int tasks, int stride) {
      this(body, tasks, stride, new AtomicReference<>());
    }

    void runShare(int index) {
      try {
        for (int t = index; t < tasks; t += stride) {
          body.accept(t);
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    }
  }

  /** A pool thread: waits for a job (spin, then park), runs its share, counts down. */
  private static final class Worker implements Runnable {
    private final int index;
    private volatile Job assigned;
    private volatile Thread thread;

    Worker(int index) {
      this.index = index;
    }

    void wake(Job job) {
      assigned = job;
      LockSupport.unpark(thread);
    }

    @Override
    public void run() {
      INSIDE.set(true);
      while (true) {
        Job job = awaitJob();
        assigned = null;
        job.runShare(index);
        PENDING.decrementAndGet();
      }
    }

    private Job awaitJob() {
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (true) {
        Job job = assigned;
        if (job != null) {
          return job;
        }
        if (System.nanoTime() < spinUntil) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
          spinUntil = System.nanoTime() + SPIN_NANOS;
        }
      }
    }
  }
}
