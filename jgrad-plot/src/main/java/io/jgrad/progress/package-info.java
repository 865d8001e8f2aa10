/**
 * Text progress bars for long training loops, in the style of Python's tqdm.
 *
 * <p>{@link io.jgrad.progress.ProgressBar} redraws one line in place on a terminal and falls back
 * to periodic plain lines in CI logs and pipes, where carriage returns would pile up as noise. It
 * lives beside the plots because both report on training runs, but needs no AWT.
 */
package io.jgrad.progress;
