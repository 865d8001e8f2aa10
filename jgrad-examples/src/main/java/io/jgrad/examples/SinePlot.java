package io.jgrad.examples;

import io.jgrad.Device;
import io.jgrad.Tensor;
import io.jgrad.plot.ScatterFitPlot;
import java.io.IOException;
import java.nio.file.Path;

/** The sine examples' figure: samples of sin(x) against the fitted cubic. */
final class SinePlot {
  private SinePlot() {}

  static void write(ExampleContext ctx, Tensor x, Tensor y, double[] coefficients)
      throws IOException {
    if (ctx.plot().isEmpty()) {
      return;
    }
    Path path = ctx.plot().get();
    Tensor every = x.to(Device.CPU).slice(0, 0, x.size(0), 40);
    Tensor sampled = y.to(Device.CPU).slice(0, 0, y.size(0), 40);
    ScatterFitPlot.builder()
        .title("sin(x) and the fitted cubic")
        .xLabel("x")
        .yLabel("y")
        .size(800, 500)
        .points("sin(x)", every.toDoubleArray(), sampled.toDoubleArray())
        .fit(
            String.format(
                "%.3f + %.3f x + %.3f x^2 + %.3f x^3",
                coefficients[0], coefficients[1], coefficients[2], coefficients[3]),
            v ->
                coefficients[0]
                    + coefficients[1] * v
                    + coefficients[2] * v * v
                    + coefficients[3] * v * v * v,
            400)
        .build()
        .save(path);
    ctx.println("plot written to " + path);
  }
}
