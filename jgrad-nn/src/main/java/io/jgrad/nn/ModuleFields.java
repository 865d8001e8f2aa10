package io.jgrad.nn;

import io.jgrad.Tensor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a {@link Module} subclass that may hold parameters or submodules, found once per
 * class by reflection; this is what lets user models skip PyTorch-style registration calls.
 */
final class ModuleFields {
  private ModuleFields() {}

  /** One discoverable field. */
  record Entry(String name, Field field) {
    Object get(Module owner) {
      try {
        return field.get(owner);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Module: cannot read field " + field, e);
      }
    }
  }

  private static final ClassValue<List<Entry>> CACHE =
      new ClassValue<>() {
        @Override
        protected List<Entry> computeValue(Class<?> type) {
          return discover(type);
        }
      };

  /** Discoverable fields of {@code type}: superclass fields first, declaration order within. */
  static List<Entry> of(Class<?> type) {
    return CACHE.get(type);
  }

  private static List<Entry> discover(Class<?> type) {
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Module.class; c = c.getSuperclass()) {
      chain.addFirst(c);
    }
    List<Entry> out = new ArrayList<>();
    for (Class<?> c : chain) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || !mayHoldMember(f)) {
          continue;
        }
        try {
          f.setAccessible(true);
        } catch (InaccessibleObjectException e) {
          throw new IllegalStateException(
              "Module: cannot read field "
                  + f
                  + "; open its package "
                  + "to io.jgrad.nn or register the member with registerParameter/registerModule",
              e);
        }
        out.add(new Entry(f.getName(), f));
      }
    }
    return List.copyOf(out);
  }

  private static boolean mayHoldMember(Field f) {
    Class<?> t = f.getType();
    return Parameter.class.isAssignableFrom(t)
        || Module.class.isAssignableFrom(t)
        || t == Tensor.class
        || t == Object.class;
  }

  /**
   * Points the field {@code name} of {@code owner} at {@code replacement} if it currently holds
   * {@code old} (used by {@link Module#to}); fields that hold something else are left alone.
   */
  static void set(Module owner, String name, Object old, Object replacement) {
    for (Entry entry : of(owner.getClass())) {
      if (entry.name().equals(name) && entry.get(owner) == old) {
        try {
          entry.field().set(owner, replacement);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(
              "Module.to: cannot update field "
                  + entry.field()
                  + "; declare it non-final or register the parameter explicitly",
              e);
        }
      }
    }
  }
}
