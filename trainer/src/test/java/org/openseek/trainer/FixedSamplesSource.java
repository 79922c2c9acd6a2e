package org.openseek.trainer;

import java.util.List;
import org.openseek.mixer.PackedSample;
import org.openseek.mixer.SampleSource;

/** A source that serves the given samples as they are, for tests that need exact token layouts. */
class FixedSamplesSource implements SampleSource {

  private final int vocabSize;
  private final int eodTokenId;
  private final List<int[]> samples;

  FixedSamplesSource(int vocabSize, int eodTokenId, List<int[]> samples) {
    this.vocabSize = vocabSize;
    this.eodTokenId = eodTokenId;
    this.samples = samples;
  }

  @Override
  public long size() {
    return samples.size();
  }

  @Override
  public int sequenceLength() {
    return samples.get(0).length - 1;
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int eodTokenId() {
    return eodTokenId;
  }

  @Override
  public List<String> datasetNames() {
    return List.of("fixed");
  }

  @Override
  public PackedSample get(long index) {
    return new PackedSample(samples.get(Math.toIntExact(index)).clone(), 0);
  }
}
