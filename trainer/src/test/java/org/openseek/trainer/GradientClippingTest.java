package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

  /** Returns parameters whose gradients are [3, -4] and [[12]]: global norm 13. */
  private static List<NDArray> parametersWithNorm13(NDManager manager) {
    NDArray vector = manager.create(new float[] {1f, 1f});
    vector.setRequiresGradient(true);
    NDArray matrix = manager.create(new float[] {1f}, new Shape(1, 1));
    matrix.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray vectorTerm = vector.mul(manager.create(new float[] {3f, -4f})).sum();
      NDArray loss = vectorTerm.add(matrix.mul(12f).sum());
      collector.backward(loss);
    }
    return List.of(vector, matrix);
  }

  @Test
  void normCoversAllParameters() {
    try (NDManager manager = NDManager.newBaseManager()) {
      assertEquals(13.0, GradientClipping.globalNorm(parametersWithNorm13(manager)), 1e-6);
    }
  }

  @Test
  void largeGradientsScaleToMaxNorm() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<NDArray> parameters = parametersWithNorm13(manager);

      double reported = GradientClipping.clip(parameters, 1.0);

      assertEquals(13.0, reported, 1e-6, "clip must report the norm before clipping");
      assertEquals(1.0, GradientClipping.globalNorm(parameters), 1e-5);
      // Negative gradients shrink too: the scale applies to the vector, not per element from above.
      assertArrayEquals(new float[] {3f / 13f, -4f / 13f},
          parameters.get(0).getGradient().toFloatArray(), 1e-6f);
    }
  }

  @Test
  void smallGradientsStayUnchanged() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<NDArray> parameters = parametersWithNorm13(manager);

      assertEquals(13.0, GradientClipping.clip(parameters, 20.0), 1e-6);
      assertArrayEquals(new float[] {3f, -4f}, parameters.get(0).getGradient().toFloatArray());
    }
  }

  @Test
  void zeroMaxNormDisablesClipping() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<NDArray> parameters = parametersWithNorm13(manager);

      assertEquals(13.0, GradientClipping.clip(parameters, 0.0), 1e-6);
      assertArrayEquals(new float[] {12f}, parameters.get(1).getGradient().toFloatArray());
    }
  }
}
