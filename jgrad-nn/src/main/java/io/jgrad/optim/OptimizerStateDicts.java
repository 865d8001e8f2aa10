package io.jgrad.optim;

import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Packs and unpacks optimizer state in PyTorch's {@code state_dict} layout. */
final class OptimizerStateDicts {
  private OptimizerStateDicts() {}

  /** What {@link #unpack} recovered: each group's options, and the state keyed by parameter. */
  record Loaded(List<Map<String, Object>> options, Map<Tensor, Map<String, Object>> state) {}

  static Map<String, Object> pack(List<ParamGroup> groups, Map<Tensor, Map<String, Object>> state) {
    Map<Tensor, Integer> indices = new IdentityHashMap<>();
    List<Object> packedGroups = new ArrayList<>();
    for (ParamGroup group : groups) {
      Map<String, Object> packed = new LinkedHashMap<>(group.options());
      List<Integer> ids = new ArrayList<>();
      for (Tensor param : group.params()) {
        Integer index = indices.computeIfAbsent(param, p -> indices.size());
        ids.add(index);
      }
      packed.put("params", ids);
      packedGroups.add(packed);
    }
    Map<Integer, Object> packedState = new LinkedHashMap<>();
    // PyTorch orders "state" by first use; parameter order is the stable equivalent here.
    for (ParamGroup group : groups) {
      for (Tensor param : group.params()) {
        Map<String, Object> entry = state.get(param);
        if (entry != null && !entry.isEmpty()) {
          packedState.put(indices.get(param), new LinkedHashMap<>(entry));
        }
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("state", packedState);
    result.put("param_groups", packedGroups);
    return result;
  }

  static Loaded unpack(Map<String, ?> stateDict, List<ParamGroup> groups) {
    List<?> savedGroups = asList(stateDict.get("param_groups"), "param_groups");
    Map<?, ?> savedState = asMap(stateDict.get("state"), "state");
    if (savedGroups.size() != groups.size()) {
      throw new IllegalArgumentException(
          "loaded state dict has a different number of parameter groups (saved "
              + savedGroups.size()
              + ", optimizer "
              + groups.size()
              + ")");
    }
    Map<Integer, Tensor> byIndex = new LinkedHashMap<>();
    List<Map<String, Object>> options = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      Map<?, ?> saved = asMap(savedGroups.get(g), "param_groups[" + g + "]");
      List<?> ids = asList(saved.get("params"), "param_groups[" + g + "].params");
      List<Tensor> params = groups.get(g).params();
      if (ids.size() != params.size()) {
        throw new IllegalArgumentException(
            "loaded state dict contains a parameter group that doesn't match the size of "
                + "optimizer's group (group "
                + g
                + ": saved "
                + ids.size()
                + ", optimizer "
                + params.size()
                + ")");
      }
      for (int i = 0; i < ids.size(); i++) {
        byIndex.put(asIndex(ids.get(i)), params.get(i));
      }
      Map<String, Object> groupOptions = new LinkedHashMap<>();
      saved.forEach(
          (key, value) -> {
            if (!"params".equals(key)) {
              groupOptions.put(String.valueOf(key), copyValue(value, null, String.valueOf(key)));
            }
          });
      options.add(groupOptions);
    }
    Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();
    savedState.forEach(
        (key, value) -> {
          Tensor param = byIndex.get(asIndex(key));
          if (param == null) {
            throw new IllegalArgumentException(
                "loadStateDict: state refers to parameter index "
                    + key
                    + ", which no parameter group lists (indices "
                    + byIndex.keySet()
                    + ")");
          }
          Map<String, Object> entry = new LinkedHashMap<>();
          asMap(value, "state[" + key + "]")
              .forEach((k, v) -> entry.put(String.valueOf(k), copyValue(v, param, "" + k)));
          state.put(param, entry);
        });
    return new Loaded(options, state);
  }

  /**
   * Deep-copies a loaded value; floating tensors other than "step" take the parameter's dtype and
   * device, as PyTorch's {@code _process_value_according_to_param_policy} does.
   */
  private static Object copyValue(Object value, Tensor param, String key) {
    if (value instanceof Tensor tensor) {
      Tensor copy = tensor.detach().clone();
      if (param != null && !key.equals("step") && copy.dtype().isFloatingPoint()) {
        copy = copy.to(param.dtype());
      }
      return param == null ? copy : copy.to(param.device());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v, param, String.valueOf(k))));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (Object item : list) {
        copy.add(copyValue(item, param, key));
      }
      return List.copyOf(copy);
    }
    if (value == null) {
      throw new IllegalArgumentException("loadStateDict: value of '" + key + "' is null");
    }
    return value;
  }

  private static int asIndex(Object key) {
    if (key instanceof Number number) {
      return number.intValue();
    }
    if (key instanceof String text) {
      // JSON object keys are strings; accept "0", "1", ... from a deserialised checkpoint.
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "loadStateDict: parameter index '" + text + "' is not an integer", e);
      }
    }
    throw new IllegalArgumentException(
        "loadStateDict: parameter index " + key + " is not an integer");
  }

  private static List<?> asList(Object value, String what) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new IllegalArgumentException(
        "loadStateDict: '" + what + "' must be a List, got " + describe(value));
  }

  private static Map<?, ?> asMap(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new IllegalArgumentException(
        "loadStateDict: '" + what + "' must be a Map, got " + describe(value));
  }

  private static String describe(Object value) {
    return value == null ? "nothing" : value.getClass().getSimpleName();
  }
}
