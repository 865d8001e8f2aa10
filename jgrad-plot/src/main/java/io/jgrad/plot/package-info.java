/**
 * PNG charts of training histories and fitted curves, drawn with XChart in headless mode.
 *
 * <p>{@link io.jgrad.plot.LinePlot} draws named series (loss curves) and {@link
 * io.jgrad.plot.ScatterFitPlot} draws data points against a fitted curve. Data comes in as plain
 * {@code double[]}, {@code float[]} or {@code List<? extends Number>} so this package never depends
 * on tensor classes; files are written atomically and byte-for-byte reproducibly.
 */
package io.jgrad.plot;
