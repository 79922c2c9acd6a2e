package org.openseek.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Creates the named parameters of a model, either freshly initialized or taken from saved arrays,
 * and records them in a {@link ModelParameters}. Every parameter is fp32 and requires a gradient.
 */
abstract class ParameterFactory {

  private final ModelParameters parameters = new ModelParameters();

  /** Creates a weight drawn from N(0, std²). */
  final NDArray normal(String name, Shape shape, double std) {
    return register(name, createNormal(name, shape, std));
  }

  /** Creates a weight filled with ones, the initial scale of a norm. */
  final NDArray ones(String name, Shape shape) {
    return register(name, createOnes(name, shape));
  }

  final ModelParameters parameters() {
    return parameters;
  }

  /** Throws when parameters were supplied that the model never asked for. */
  void checkAllUsed() {}

  abstract NDArray createNormal(String name, Shape shape, double std);

  abstract NDArray createOnes(String name, Shape shape);

  private NDArray register(String name, NDArray array) {
    array.setName(name);
    array.setRequiresGradient(true);
    parameters.add(name, array);
    return array;
  }

  /** Returns a factory that draws new weights from the engine's seeded random generator. */
  static ParameterFactory random(NDManager manager) {
    return new ParameterFactory() {
      @Override
      NDArray createNormal(String name, Shape shape, double std) {
        return manager.randomNormal(0f, (float) std, shape, DataType.FLOAT32);
      }

      @Override
      NDArray createOnes(String name, Shape shape) {
        return manager.ones(shape, DataType.FLOAT32);
      }
    };
  }

  /**
   * Returns a factory that takes each parameter from {@code saved} by name and checks its shape and
   * data type.
   */
  static ParameterFactory fromSaved(NDList saved, String origin) {
    Map<String, NDArray> byName = new HashMap<>();
    for (NDArray array : saved) {
      byName.put(array.getName(), array);
    }
    return new ParameterFactory() {
      @Override
      NDArray createNormal(String name, Shape shape, double std) {
        return take(name, shape);
      }

      @Override
      NDArray createOnes(String name, Shape shape) {
        return take(name, shape);
      }

      private NDArray take(String name, Shape shape) {
        NDArray array = byName.remove(name);
        if (array == null) {
          throw new IllegalArgumentException("parameter " + name + " is missing from " + origin);
        }
        if (!array.getShape().equals(shape) || array.getDataType() != DataType.FLOAT32) {
          throw new IllegalArgumentException("parameter " + name + " in " + origin + " is "
              + array.getDataType() + " " + array.getShape() + ", but the model settings require "
              + DataType.FLOAT32 + " " + shape);
        }
        return array;
      }

      @Override
      void checkAllUsed() {
        if (!byName.isEmpty()) {
          throw new IllegalArgumentException(origin + " contains parameters that the model does not"
              + " define: " + new TreeSet<>(byName.keySet()));
        }
      }
    };
  }
}
