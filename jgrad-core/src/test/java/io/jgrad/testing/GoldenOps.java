package io.jgrad.testing;

import io.jgrad.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The jgrad spelling of each op named in {@code make_core_golden.py}'s {@code OPS} table.
 *
 * <p>{@code GoldenOps.apply("sum", xs, Map.of("dims", List.of(1L), "keepdim", true))}.
 */
final class GoldenOps {
  private GoldenOps() {}

  static Tensor apply(String op, Tensor[] x, Map<String, Object> a) {
    Tensor x0 = x[0];
    return switch (op) {
      case "add" -> x0.add(x[1]);
      case "sub" -> x0.sub(x[1]);
      case "mul" -> x0.mul(x[1]);
      case "div" -> x0.div(x[1]);
      case "add_scalar" -> x0.add(d(a, "s"));
      case "mul_scalar" -> x0.mul(d(a, "s"));
      case "rsub_scalar" -> x0.rsub(d(a, "s"));
      case "rdiv_scalar" -> x0.rdiv(d(a, "s"));
      case "pow_scalar" -> x0.pow(d(a, "s"));
      case "pow" -> x0.pow(x[1]);
      case "minimum" -> x0.minimum(x[1]);
      case "maximum" -> x0.maximum(x[1]);
      case "where" -> CoreGolden.select(x);
      case "clamp" -> x0.clamp(d(a, "min"), d(a, "max"));
      case "neg" -> x0.neg();
      case "exp" -> x0.exp();
      case "log" -> x0.log();
      case "log1p" -> x0.log1p();
      case "sqrt" -> x0.sqrt();
      case "rsqrt" -> x0.rsqrt();
      case "abs" -> x0.abs();
      case "sign" -> x0.sign();
      case "sin" -> x0.sin();
      case "cos" -> x0.cos();
      case "tanh" -> x0.tanh();
      case "sigmoid" -> x0.sigmoid();
      case "relu" -> x0.relu();
      case "eq" -> x0.eq(x[1]);
      case "ne" -> x0.ne(x[1]);
      case "lt" -> x0.lt(x[1]);
      case "le" -> x0.le(x[1]);
      case "gt" -> x0.gt(x[1]);
      case "ge" -> x0.ge(x[1]);
      case "eq_scalar" -> x0.eq(d(a, "s"));
      case "ne_scalar" -> x0.ne(d(a, "s"));
      case "lt_scalar" -> x0.lt(d(a, "s"));
      case "le_scalar" -> x0.le(d(a, "s"));
      case "gt_scalar" -> x0.gt(d(a, "s"));
      case "ge_scalar" -> x0.ge(d(a, "s"));
      case "sum" -> a.containsKey("dims") ? x0.sum(dims(a), k(a)) : x0.sum();
      case "mean" -> a.containsKey("dims") ? x0.mean(dims(a), k(a)) : x0.mean();
      case "var" -> x0.var(a.containsKey("dims") ? dims(a) : new int[0], d(a, "correction"), k(a));
      case "std" -> x0.std(a.containsKey("dims") ? dims(a) : new int[0], d(a, "correction"), k(a));
      case "prod" -> a.containsKey("dim") ? x0.prod(i(a, "dim"), k(a)) : x0.prod();
      case "amax" -> x0.amax(dims(a), k(a));
      case "amin" -> x0.amin(dims(a), k(a));
      case "max_all" -> x0.max();
      case "min_all" -> x0.min();
      case "max_dim_values" -> x0.max(i(a, "dim"), k(a)).values();
      case "max_dim_indices" -> x0.max(i(a, "dim"), k(a)).indices();
      case "min_dim_values" -> x0.min(i(a, "dim"), k(a)).values();
      case "min_dim_indices" -> x0.min(i(a, "dim"), k(a)).indices();
      case "argmax" -> a.containsKey("dim") ? x0.argmax(i(a, "dim"), k(a)) : x0.argmax();
      case "argmin" -> a.containsKey("dim") ? x0.argmin(i(a, "dim"), k(a)) : x0.argmin();
      case "logsumexp" -> x0.logsumexp(dims(a), k(a));
      case "softmax" -> x0.softmax(i(a, "dim"));
      case "log_softmax" -> x0.logSoftmax(i(a, "dim"));
      case "matmul" -> x0.matmul(x[1]);
      case "mm" -> x0.mm(x[1]);
      case "addmm" -> x0.addmm(x[1], x[2]);
      case "bmm" -> x0.bmm(x[1]);
      case "mv" -> x0.mv(x[1]);
      case "dot" -> x0.dot(x[1]);
      case "outer" -> x0.outer(x[1]);
      case "stack" -> CoreGolden.stackAll(x, i(a, "dim"));
      case "cat" -> CoreGolden.catAll(x, i(a, "dim"));
      case "split" -> CoreGolden.catFlat(x0.split(i(a, "size"), i(a, "dim")));
      case "split_sizes" -> CoreGolden.catFlat(x0.split(ints(a, "sizes"), i(a, "dim")));
      case "chunk" -> CoreGolden.catFlat(x0.chunk(i(a, "chunks"), i(a, "dim")));
      case "index_select" -> x0.indexSelect(i(a, "dim"), x[1]);
      case "gather" -> x0.gather(i(a, "dim"), x[1]);
      case "scatter_add" -> x0.scatterAdd(i(a, "dim"), x[1], x[2]);
      case "masked_fill" -> x0.maskedFill(x[1], d(a, "value"));
      case "clone" -> x0.clone();
      case "copy_" -> x0.mul(1.0).copy_(x[1]);
      case "fill_" -> x0.mul(1.0).fill_(d(a, "value"));
      case "zero_" -> x0.mul(1.0).zero_();
      case "add_" -> x0.mul(1.0).add_(x[1]);
      case "sub_" -> x0.mul(1.0).sub_(x[1]);
      case "mul_" -> x0.mul(1.0).mul_(x[1]);
      case "div_" -> x0.mul(1.0).div_(x[1]);
      case "view" -> x0.view(ints(a, "shape"));
      case "reshape" -> x0.reshape(ints(a, "shape"));
      case "t" -> x0.t();
      case "transpose" -> x0.transpose(i(a, "d0"), i(a, "d1"));
      case "permute" -> x0.permute(ints(a, "order"));
      case "unsqueeze" -> x0.unsqueeze(i(a, "dim"));
      case "squeeze" -> a.containsKey("dim") ? x0.squeeze(i(a, "dim")) : x0.squeeze();
      case "expand" -> x0.expand(ints(a, "shape"));
      case "flatten" -> x0.flatten(i(a, "start"), i(a, "end"));
      case "slice" -> x0.slice(i(a, "dim"), i(a, "start"), i(a, "end"), i(a, "step"));
      case "narrow" -> x0.narrow(i(a, "dim"), i(a, "start"), i(a, "length"));
      case "select" -> x0.select(i(a, "dim"), i(a, "index"));
      default -> throw new IllegalArgumentException("no jgrad spelling for golden op " + op);
    };
  }

  private static double d(Map<String, Object> a, String key) {
    return ((Number) a.get(key)).doubleValue();
  }

  private static int i(Map<String, Object> a, String key) {
    return ((Number) a.get(key)).intValue();
  }

  private static boolean k(Map<String, Object> a) {
    return (Boolean) a.get("keepdim");
  }

  @SuppressWarnings("unchecked")
  private static int[] ints(Map<String, Object> a, String key) {
    return CoreGolden.ints((List<Object>) a.get(key));
  }

  private static int[] dims(Map<String, Object> a) {
    return ints(a, "dims");
  }
}
