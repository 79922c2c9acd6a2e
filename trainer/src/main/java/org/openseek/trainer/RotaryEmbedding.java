package org.openseek.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Rotary position embedding in the rotate-half layout used by Megatron-LM and Hugging Face Llama:
 * dimension j of the first half of a head is paired with dimension j of the second half, and the
 * pair is rotated by {@code position * base^(-2j / headSize)}.
 *
 * <p>Positions come from the batch, so they restart at every document when position ids are reset.
 */
final class RotaryEmbedding {

  private final float[] inverseFrequencies;

  RotaryEmbedding(int headSize, double base) {
    int half = headSize / 2;
    inverseFrequencies = new float[half];
    for (int j = 0; j < half; j++) {
      inverseFrequencies[j] = (float) Math.pow(base, -2.0 * j / headSize);
    }
  }

  /**
   * Returns the cosine and sine of the rotation angles for positions [B, T], each
   * [B, 1, T, headSize].
   */
  NDList cosSin(NDArray positionIds) {
    NDManager manager = positionIds.getManager();
    NDArray frequencies = manager.create(inverseFrequencies);
    NDArray angles = positionIds.expandDims(2).mul(frequencies);
    NDArray doubled = angles.concat(angles, 2).expandDims(1);
    return new NDList(doubled.cos(), doubled.sin());
  }

  /** Rotates {@code x} [B, heads, T, headSize] by the angles from {@link #cosSin}. */
  static NDArray apply(NDArray x, NDList cosSin) {
    NDList halves = x.split(2, 3);
    NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
    return x.mul(cosSin.get(0)).add(rotated.mul(cosSin.get(1)));
  }
}
