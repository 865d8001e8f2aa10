package io.jgrad;

import io.jgrad.backend.Layout;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * PyTorch's tensor printing ({@code torch/_tensor_str.py}): 4 decimals, scientific notation when
 * the magnitudes span more than 1000x or leave [1e-4, 1e8], integer-valued floats as {@code 1.},
 * 80-column lines, and summaries with {@code ...} above 1000 elements. Decimal rounding is
 * half-even on the exact binary value, as Python's {@code format} does.
 */
final class TensorFormatter {
  private static final int PRECISION = 4;
  private static final int LINE_WIDTH = 80;
  private static final int THRESHOLD = 1000;
  private static final int EDGE_ITEMS = 3;

  private final DType dtype;
  private boolean intMode = true;
  private boolean sciMode;
  private int maxWidth = 1;

  private TensorFormatter(DType dtype, double[] values) {
    this.dtype = dtype;
    if (!dtype.isFloatingPoint()) {
      for (double v : values) {
        maxWidth = Math.max(maxWidth, formatPlain(v).length());
      }
      return;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    boolean any = false;
    for (double v : values) {
      if (Double.isFinite(v) && v != 0) {
        any = true;
        min = Math.min(min, Math.abs(v));
        max = Math.max(max, Math.abs(v));
        if (v != Math.ceil(v)) {
          intMode = false;
        }
      }
    }
    if (!any) {
      return; // PyTorch sizes columns by nonzero finite values only; with none, width stays 1
    }
    if (intMode) {
      sciMode = max / min > 1000 || max > 1e8;
    } else {
      sciMode = max / min > 1000 || max > 1e8 || min < 1e-4;
    }
    for (double v : values) {
      if (Double.isFinite(v) && v != 0) {
        maxWidth = Math.max(maxWidth, formatFloat(v).length());
      }
    }
  }

  static String format(Tensor t) {
    StringBuilder out = new StringBuilder();
    out.append(t.reprPrefix());
    String prefix = "tensor(";
    int indent = prefix.length();
    Tensor host = t.detach().to(Device.CPU);
    Layout layout = host.layout();
    boolean summarize = layout.numel() > THRESHOLD;
    double[] values = visibleValues(host, summarize);
    TensorFormatter formatter = new TensorFormatter(t.dtype(), values);
    StringBuilder body = new StringBuilder();
    if (layout.numel() == 0) {
      body.append("[]");
    } else {
      formatter.appendDims(body, host, 0, new int[layout.dim()], indent, summarize);
    }
    out.append(prefix).append(body);
    java.util.List<String> suffixes = new java.util.ArrayList<>();
    if (layout.numel() == 0 && !(layout.dim() == 1 && layout.shape()[0] == 0)) {
      suffixes.add("size=" + sizeTuple(layout.shape()));
    }
    // An empty tensor has no elements to show its type, so any non-default dtype is printed.
    boolean impliedByValues =
        layout.numel() > 0 && (t.dtype() == DType.INT64 || t.dtype() == DType.BOOL);
    if (t.dtype() != DType.FLOAT32 && !impliedByValues) {
      suffixes.add("dtype=torch." + t.dtype());
    }
    if (!t.device().isCpu()) {
      suffixes.add("device='" + t.device() + "'");
    }
    if (t.gradFn().isPresent()) {
      suffixes.add("grad_fn=<" + t.gradFn().get().name() + ">");
    } else if (t.requiresGrad()) {
      suffixes.add("requires_grad=True");
    }
    for (String suffix : suffixes) {
      int lastLine = out.length() - out.lastIndexOf("\n") - 1;
      if (lastLine + suffix.length() + 2 > LINE_WIDTH) {
        out.append(",\n").append(" ".repeat(indent)).append(suffix);
      } else {
        out.append(", ").append(suffix);
      }
    }
    return out.append(')').toString();
  }

  private static String sizeTuple(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /** The values that will be printed (edges only when summarising), to size the columns. */
  private static double[] visibleValues(Tensor host, boolean summarize) {
    if (!summarize) {
      return host.toDoubleArray();
    }
    Tensor edges = host;
    for (int d = 0; d < host.dim(); d++) {
      int size = edges.size(d);
      if (size > 2 * EDGE_ITEMS) {
        edges =
            JGrad.cat(
                java.util.List.of(
                    edges.slice(d, 0, EDGE_ITEMS), edges.slice(d, size - EDGE_ITEMS, size)),
                d);
      }
    }
    return edges.toDoubleArray();
  }

  private void appendDims(
      StringBuilder sb, Tensor t, int dim, int[] index, int indent, boolean summarize) {
    Layout layout = t.layout();
    int rank = layout.dim();
    if (rank == 0) {
      sb.append(formatValue(t.storage().getDouble(layout.offset())));
      return;
    }
    int size = layout.shape()[dim];
    boolean cut = summarize && size > 2 * EDGE_ITEMS;
    if (dim == rank - 1) {
      int elementLength = maxWidth + 2;
      int rowIndent = indent + dim; // nested rows are indented one column per enclosing bracket
      int perLine = Math.max(1, (LINE_WIDTH - rowIndent) / elementLength);
      sb.append('[');
      int printed = 0;
      for (int i = 0; i < size; i++) {
        if (cut && i == EDGE_ITEMS) {
          // PyTorch's summary element is " ...", joined like any other element.
          sb.append(
                  printed % perLine == 0 && printed > 0 ? ",\n" + " ".repeat(rowIndent + 1) : ", ")
              .append(" ...");
          printed++;
          i = size - EDGE_ITEMS - 1;
          continue;
        }
        if (printed > 0) {
          sb.append(printed % perLine == 0 ? ",\n" + " ".repeat(rowIndent + 1) : ", ");
        }
        index[dim] = i;
        sb.append(formatValue(t.storage().getDouble(layout.storageIndex(index))));
        printed++;
      }
      sb.append(']');
      return;
    }
    sb.append('[');
    String separator = "," + "\n".repeat(rank - dim - 1) + " ".repeat(indent + dim + 1);
    boolean first = true;
    for (int i = 0; i < size; i++) {
      if (!first) {
        sb.append(separator);
      }
      first = false;
      if (cut && i == EDGE_ITEMS) {
        sb.append("...");
        i = size - EDGE_ITEMS - 1;
        continue;
      }
      index[dim] = i;
      appendDims(sb, t, dim + 1, index, indent, summarize);
    }
    sb.append(']');
  }

  private String formatValue(double v) {
    String s = dtype.isFloatingPoint() ? formatFloat(v) : formatPlain(v);
    return " ".repeat(Math.max(0, maxWidth - s.length())) + s;
  }

  private String formatPlain(double v) {
    if (dtype == DType.BOOL) {
      return v != 0 ? "True" : "False";
    }
    return Long.toString((long) v);
  }

  private String formatFloat(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (sciMode) {
      return scientific(v);
    }
    if (intMode) {
      return fixed(v, 0) + ".";
    }
    return fixed(v, PRECISION);
  }

  private static String fixed(double v, int decimals) {
    String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    return (v < 0 || (v == 0 && 1 / v < 0)) && !s.startsWith("-") ? "-" + s : s;
  }

  private static String scientific(double v) {
    if (v == 0) {
      return (1 / v < 0 ? "-" : "") + "0." + "0".repeat(PRECISION) + "e+00";
    }
    BigDecimal rounded =
        new BigDecimal(v).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    BigDecimal mantissa =
        rounded.movePointLeft(exponent).setScale(PRECISION, RoundingMode.HALF_EVEN);
    String sign = exponent < 0 ? "-" : "+";
    int abs = Math.abs(exponent);
    return mantissa.toPlainString() + "e" + sign + (abs < 10 ? "0" : "") + abs;
  }
}
