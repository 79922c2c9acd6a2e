package org.openseek.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * RMSNorm over the last axis: {@code x / sqrt(mean(x²) + eps) * weight}, with the weight
 * initialized to 1.
 */
final class RmsNorm {

  private final NDArray weight;
  private final float epsilon;

  RmsNorm(ParameterFactory factory, String name, int size, double epsilon) {
    this.weight = factory.ones(name + ".weight", new Shape(size));
    this.epsilon = (float) epsilon;
  }

  NDArray forward(NDArray x) {
    NDArray meanSquare = x.square().mean(new int[] {-1}, true);
    return x.div(meanSquare.add(epsilon).sqrt()).mul(weight);
  }
}
