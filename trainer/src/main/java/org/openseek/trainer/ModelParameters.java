package org.openseek.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trainable tensors of a model by name, in creation order. Names follow Megatron-core
 * ({@code decoder.layers.0.self_attention.linear_qkv.weight}). A tied output layer adds no entry.
 */
public final class ModelParameters {

  private final Map<String, NDArray> byName = new LinkedHashMap<>();

  void add(String name, NDArray array) {
    if (byName.putIfAbsent(name, array) != null) {
      throw new IllegalStateException("parameter " + name + " is defined twice");
    }
  }

  /** Returns the parameters by name, in creation order; the map is read-only. */
  public Map<String, NDArray> asMap() {
    return Collections.unmodifiableMap(byName);
  }

  /** Returns the parameter named {@code name}, or throws when there is none. */
  public NDArray get(String name) {
    NDArray array = byName.get(name);
    if (array == null) {
      throw new IllegalArgumentException("no parameter named " + name);
    }
    return array;
  }

  /** Returns the total number of scalar weights. */
  public long elementCount() {
    long count = 0;
    for (NDArray array : byName.values()) {
      count += array.size();
    }
    return count;
  }

  /**
   * Returns the parameters as a named list for saving. The list shares the arrays, so closing it
   * closes the model's weights.
   */
  public NDList toNamedList() {
    NDList list = new NDList(byName.size());
    list.addAll(byName.values());
    return list;
  }
}
