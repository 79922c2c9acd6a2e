package org.openseek.mixer;

import java.util.Arrays;
import java.util.Objects;

/**
 * Megatron BlendedDataset index: for each blended sample, the dataset it comes from and the
 * sample number within that dataset.
 *
 * <p>The interleave is greedy and has no randomness, as in Megatron-LM's
 * {@code build_blending_indices} ({@code helpers.cpp}). With normalized weights {@code w_i} and
 * counts {@code c_i} of samples taken so far, blended sample {@code s} comes from the dataset
 * that maximizes {@code w_i * max(s, 1) - c_i}, the lowest index on ties. That dataset's count is
 * the recorded per-dataset sample number, and then it is incremented.
 *
 * <p>For a requested size {@code n}, the blend contains {@code sum_i ceil(n * w_i)} samples, which is
 * at least {@code n}. Dataset i is asked for {@code ceil(ceil(n * w_i) * 1.005)} samples, or for
 * the count the interleave actually draws from it where that is larger.
 */
public final class BlendedIndex {

  /** Extra share of samples that each dataset is built with beyond its target. */
  static final double DATASET_SIZE_MARGIN = 1.005;

  private final double[] weights;
  private final short[] datasetIds;
  private final long[] sampleIndexes;
  private final long[] samplesDrawn;
  private final long[] datasetSizes;

  private BlendedIndex(double[] weights, short[] datasetIds, long[] sampleIndexes,
      long[] samplesDrawn, long[] datasetSizes) {
    this.weights = weights;
    this.datasetIds = datasetIds;
    this.sampleIndexes = sampleIndexes;
    this.samplesDrawn = samplesDrawn;
    this.datasetSizes = datasetSizes;
  }

  /**
   * Builds the blend for {@code size} requested samples.
   *
   * @param weights one positive, finite weight per dataset; normalized here to sum 1
   * @throws IllegalArgumentException on a bad weight, no datasets, more than
   *     {@code Short.MAX_VALUE} datasets, or a size below 1 or above the int32 array limit
   */
  public static BlendedIndex build(double[] weights, long size) {
    return buildNormalized(normalize(weights), size);
  }

  /** Builds the blend from weights that are already normalized, without dividing them again. */
  private static BlendedIndex buildNormalized(double[] normalized, long size) {
    if (size < 1) {
      throw new IllegalArgumentException("blend size must be at least 1, got " + size);
    }
    long total = 0;
    long[] targets = new long[normalized.length];
    for (int i = 0; i < normalized.length; i++) {
      targets[i] = (long) Math.ceil(size * normalized[i]);
      total += targets[i];
    }
    if (total > InMemoryTokenDataset.MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException("blend of " + total + " samples exceeds the "
          + InMemoryTokenDataset.MAX_ARRAY_LENGTH + " samples one index supports");
    }

    short[] datasetIds = new short[(int) total];
    long[] sampleIndexes = new long[(int) total];
    long[] counts = new long[normalized.length];
    for (int s = 0; s < datasetIds.length; s++) {
      double t = Math.max(s, 1);
      int chosen = 0;
      double maxError = normalized[0] * t - counts[0];
      for (int i = 1; i < normalized.length; i++) {
        double error = normalized[i] * t - counts[i];
        if (error > maxError) {
          maxError = error;
          chosen = i;
        }
      }
      datasetIds[s] = (short) chosen;
      sampleIndexes[s] = counts[chosen];
      counts[chosen]++;
    }

    long[] datasetSizes = new long[normalized.length];
    for (int i = 0; i < normalized.length; i++) {
      datasetSizes[i] = Math.max(counts[i], (long) Math.ceil(targets[i] * DATASET_SIZE_MARGIN));
    }
    return new BlendedIndex(normalized, datasetIds, sampleIndexes, counts, datasetSizes);
  }

  /**
   * Rebuilds a blend from stored arrays and checks that they are what {@link #build} makes for
   * these weights, which must be normalized already, and that size.
   *
   * @throws IllegalArgumentException if the arrays differ from a fresh build
   */
  static BlendedIndex fromArrays(double[] normalizedWeights, long requestedSize,
      short[] datasetIds, long[] sampleIndexes) {
    validateWeights(normalizedWeights);
    BlendedIndex expected = buildNormalized(normalizedWeights.clone(), requestedSize);
    if (!Arrays.equals(expected.datasetIds, datasetIds)
        || !Arrays.equals(expected.sampleIndexes, sampleIndexes)) {
      throw new IllegalArgumentException("the stored blend index ("
          + datasetIds.length + " samples) differs from the one the weights "
          + Arrays.toString(expected.weights) + " and size " + requestedSize
          + " give; rebuild the mixture");
    }
    return expected;
  }

  /**
   * Returns the weights divided by their sum, in double precision.
   *
   * @throws IllegalArgumentException if there are no weights, too many, or one is not positive
   *     and finite
   */
  public static double[] normalize(double[] weights) {
    validateWeights(weights);
    double sum = 0;
    for (double weight : weights) {
      sum += weight;
    }
    double[] normalized = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      normalized[i] = weights[i] / sum;
    }
    return normalized;
  }

  private static void validateWeights(double[] weights) {
    Objects.requireNonNull(weights, "weights");
    if (weights.length == 0) {
      throw new IllegalArgumentException("a blend needs at least one dataset weight");
    }
    if (weights.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("a blend supports at most " + Short.MAX_VALUE
          + " datasets (int16 dataset ids), got " + weights.length);
    }
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " must be positive and finite, got "
            + weights[i]);
      }
    }
  }

  /** Number of blended samples. */
  public long size() {
    return datasetIds.length;
  }

  public int datasetCount() {
    return weights.length;
  }

  /** Dataset id of blended sample {@code s}. */
  public int datasetId(long s) {
    Objects.checkIndex(s, datasetIds.length);
    return datasetIds[(int) s];
  }

  /** Sample number within its dataset of blended sample {@code s}. */
  public long datasetSampleIndex(long s) {
    Objects.checkIndex(s, sampleIndexes.length);
    return sampleIndexes[(int) s];
  }

  /** Returns a copy of the normalized weights. */
  public double[] weights() {
    return weights.clone();
  }

  /** Returns a copy of the number of blended samples drawn from each dataset. */
  public long[] samplesDrawn() {
    return samplesDrawn.clone();
  }

  /** Returns the share of the blend that each dataset supplies. */
  public double[] realizedShares() {
    double[] shares = new double[samplesDrawn.length];
    for (int i = 0; i < shares.length; i++) {
      shares[i] = (double) samplesDrawn[i] / datasetIds.length;
    }
    return shares;
  }

  /** Returns a copy of the number of samples to build for each dataset's sample index. */
  public long[] datasetSizes() {
    return datasetSizes.clone();
  }

  short[] datasetIdArray() {
    return datasetIds;
  }

  long[] sampleIndexArray() {
    return sampleIndexes;
  }
}
