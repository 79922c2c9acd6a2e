package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class AdamWTest {

  private static final OptimizerSettings SETTINGS =
      new OptimizerSettings(0.1, 0.0, 0, 0.9, 0.95, 1e-8, 0.5, 0.0);

  /** Sets the gradient of each parameter to the matching coefficients, through a real backward. */
  private static void backward(NDArray matrix, float[] matrixGradient, NDArray vector,
      float[] vectorGradient) {
    NDManager manager = matrix.getManager();
    try (GradientCollector collector = Engine.getInstance().newGradientCollector();
        NDManager temporary = manager.newSubManager()) {
      NDArray loss = matrix.mul(temporary.create(matrixGradient, matrix.getShape())).sum()
          .add(vector.mul(temporary.create(vectorGradient)).sum());
      collector.backward(loss);
    }
  }

  /** One AdamW update of a single scalar, written out in double precision. */
  private static double[] expectedUpdate(double parameter, double gradient, double firstMoment,
      double secondMoment, int step, boolean decays) {
    double m = 0.9 * firstMoment + 0.1 * gradient;
    double v = 0.95 * secondMoment + 0.05 * gradient * gradient;
    double mHat = m / (1 - Math.pow(0.9, step));
    double vHat = v / (1 - Math.pow(0.95, step));
    double decay = decays ? 0.5 * parameter : 0.0;
    double updated = parameter - 0.1 * (mHat / (Math.sqrt(vHat) + 1e-8) + decay);
    return new double[] {updated, m, v};
  }

  @Test
  void twoStepsMatchHandComputation() {
    float[] matrixStart = {1f, -2f, 3f, 0.5f};
    float[] vectorStart = {1f, -1f};
    float[][] matrixGradients = {{0.5f, -1f, 2f, 0f}, {-0.25f, 1f, 4f, 0.1f}};
    float[][] vectorGradients = {{2f, 0.5f}, {-1f, 3f}};

    try (NDManager manager = NDManager.newBaseManager()) {
      ModelParameters parameters = new ModelParameters();
      NDArray matrix = manager.create(matrixStart, new Shape(2, 2));
      matrix.setRequiresGradient(true);
      NDArray vector = manager.create(vectorStart);
      vector.setRequiresGradient(true);
      parameters.add("matrix", matrix);
      parameters.add("vector", vector);
      AdamW adamW = new AdamW(parameters, SETTINGS, manager);

      double[][] matrixState = new double[4][];
      double[][] vectorState = new double[2][];
      for (int i = 0; i < 4; i++) {
        matrixState[i] = new double[] {matrixStart[i], 0, 0};
      }
      for (int i = 0; i < 2; i++) {
        vectorState[i] = new double[] {vectorStart[i], 0, 0};
      }

      for (int step = 1; step <= 2; step++) {
        backward(matrix, matrixGradients[step - 1], vector, vectorGradients[step - 1]);
        adamW.step(0.1);
        for (int i = 0; i < 4; i++) {
          double[] s = matrixState[i];
          float gradient = matrixGradients[step - 1][i];
          matrixState[i] = expectedUpdate(s[0], gradient, s[1], s[2], step, true);
        }
        for (int i = 0; i < 2; i++) {
          double[] s = vectorState[i];
          float gradient = vectorGradients[step - 1][i];
          vectorState[i] = expectedUpdate(s[0], gradient, s[1], s[2], step, false);
        }

        float[] matrixNow = matrix.toFloatArray();
        float[] vectorNow = vector.toFloatArray();
        for (int i = 0; i < 4; i++) {
          assertEquals(matrixState[i][0], matrixNow[i], 1e-5,
              "matrix[" + i + "] after step " + step);
        }
        for (int i = 0; i < 2; i++) {
          assertEquals(vectorState[i][0], vectorNow[i], 1e-5,
              "vector[" + i + "] after step " + step);
        }
        assertArrayEquals(new float[4], matrix.getGradient().toFloatArray(),
            "gradient must be zero after the step");
      }
      assertEquals(2, adamW.stepCount());
    }
  }

  @Test
  void decayAppliesOnlyToMatrices() {
    try (NDManager manager = NDManager.newBaseManager()) {
      assertTrue(AdamW.decays(manager.zeros(new Shape(3, 4))));
      assertTrue(AdamW.decays(manager.zeros(new Shape(2, 3, 4))));
      assertFalse(AdamW.decays(manager.zeros(new Shape(4))));
    }
  }

  @Test
  void zeroGradientDecaysMatrixButNotVector() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ModelParameters parameters = new ModelParameters();
      NDArray matrix = manager.create(new float[] {2f, 4f}, new Shape(1, 2));
      matrix.setRequiresGradient(true);
      NDArray vector = manager.create(new float[] {2f, 4f});
      vector.setRequiresGradient(true);
      parameters.add("matrix", matrix);
      parameters.add("vector", vector);
      AdamW adamW = new AdamW(parameters, SETTINGS, manager);

      backward(matrix, new float[2], vector, new float[2]);
      adamW.step(0.1);

      // With a zero gradient the Adam term is 0, so only decoupled decay moves the weights.
      assertArrayEquals(new float[] {1.9f, 3.8f}, matrix.toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {2f, 4f}, vector.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void stateRoundTripsByName() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ModelParameters parameters = new ModelParameters();
      NDArray matrix = manager.create(new float[] {1f, 2f}, new Shape(1, 2));
      matrix.setRequiresGradient(true);
      parameters.add("w", matrix);
      AdamW original = new AdamW(parameters, SETTINGS, manager);
      backward(matrix, new float[] {1f, -3f}, manager.zeros(new Shape(1)), new float[] {0f});
      original.step(0.1);

      AdamW restored = new AdamW(parameters, SETTINGS, manager);
      restored.loadState(original.state(), original.stepCount(), "test");

      NDList saved = original.state();
      NDList loaded = restored.state();
      assertEquals("exp_avg.w", loaded.get(0).getName());
      assertEquals("exp_avg_sq.w", loaded.get(1).getName());
      assertArrayEquals(saved.get(0).toFloatArray(), loaded.get(0).toFloatArray());
      assertArrayEquals(saved.get(1).toFloatArray(), loaded.get(1).toFloatArray());
      assertEquals(1, restored.stepCount());
    }
  }
}
