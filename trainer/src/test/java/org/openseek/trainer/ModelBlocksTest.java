package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ModelBlocksTest {

  @Test
  void rmsNormDividesByRootMeanSquare() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RmsNorm norm = new RmsNorm(ParameterFactory.random(manager), "norm", 2, 0.0);

      float[] output = norm.forward(manager.create(new float[] {3f, 4f})).toFloatArray();

      // sqrt((9 + 16) / 2) = 3.5355
      assertArrayEquals(new float[] {0.848528f, 1.131371f}, output, 1e-5f);
    }
  }

  @Test
  void rotaryRotatesHalfPairs() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Head size 4 with base 10000: pair (0, 2) turns at 1 rad per position, pair (1, 3) at 0.01.
      RotaryEmbedding rotary = new RotaryEmbedding(4, 10_000);
      NDList cosSin = rotary.cosSin(manager.create(new float[] {1f}, new Shape(1, 1)));
      NDArray x = manager.create(new float[] {1f, 2f, 3f, 4f}, new Shape(1, 1, 1, 4));

      float[] rotated = RotaryEmbedding.apply(x, cosSin).toFloatArray();

      double c1 = Math.cos(1);
      double s1 = Math.sin(1);
      double c2 = Math.cos(0.01);
      double s2 = Math.sin(0.01);
      float[] expected = {
          (float) (1 * c1 - 3 * s1), (float) (2 * c2 - 4 * s2),
          (float) (3 * c1 + 1 * s1), (float) (4 * c2 + 2 * s2)};
      assertArrayEquals(expected, rotated, 1e-5f);
    }
  }

  @Test
  void rotaryAtPositionZeroIsIdentity() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RotaryEmbedding rotary = new RotaryEmbedding(4, 1_000_000);
      NDList cosSin = rotary.cosSin(manager.zeros(new Shape(1, 1)));
      NDArray x = manager.create(new float[] {1f, -2f, 3f, 0.5f}, new Shape(1, 1, 1, 4));

      assertArrayEquals(x.toFloatArray(), RotaryEmbedding.apply(x, cosSin).toFloatArray(), 1e-7f);
    }
  }
}
