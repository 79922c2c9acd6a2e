package org.openseek.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoder-only transformer language model in fp32: token embedding, pre-norm layers of RoPE
 * self-attention and SwiGLU feed-forward blocks, a final RMSNorm and an output layer that is tied
 * to the embedding unless {@code tie-embeddings} is false.
 *
 * <p>Forward passes create many intermediate arrays, some of them attached to the parameters'
 * manager (for example the transposed weights), so run each step inside an
 * {@link ai.djl.ndarray.NDScope} to free them. The embedding table has
 * {@link ModelSettings#paddedVocabSize} rows. The rows past the vocabulary still take part in the
 * softmax, as in Megatron-LM.
 */
public final class GptModel {

  private final ModelSettings settings;
  private final int vocabSize;
  private final ModelParameters parameters;
  private final NDArray wordEmbeddings;
  private final List<TransformerLayer> layers = new ArrayList<>();
  private final RmsNorm finalNorm;
  private final NDArray outputWeight;
  private final RotaryEmbedding rotary;

  private GptModel(ModelSettings settings, int vocabSize, ParameterFactory factory) {
    this.settings = settings;
    this.vocabSize = vocabSize;
    int paddedVocab = settings.paddedVocabSize(vocabSize);
    int hidden = settings.hiddenSize();
    this.wordEmbeddings = factory.normal("embedding.word_embeddings.weight",
        new Shape(paddedVocab, hidden), settings.initStd());
    for (int i = 0; i < settings.layers(); i++) {
      layers.add(new TransformerLayer(factory, "decoder.layers." + i, settings));
    }
    this.finalNorm =
        new RmsNorm(factory, "decoder.final_layernorm", hidden, settings.normEpsilon());
    this.outputWeight = settings.tieEmbeddings()
        ? wordEmbeddings
        : factory.normal("output_layer.weight", new Shape(paddedVocab, hidden), settings.initStd());
    this.rotary = new RotaryEmbedding(settings.headSize(), settings.ropeBase());
    factory.checkAllUsed();
    this.parameters = factory.parameters();
  }

  /**
   * Creates a model with freshly initialized weights in {@code manager}, drawn from the engine's
   * random generator (seed it first for reproducible weights).
   */
  public static GptModel initialize(ModelSettings settings, int vocabSize, NDManager manager) {
    return new GptModel(settings, vocabSize, ParameterFactory.random(manager));
  }

  /**
   * Creates a model that uses the named arrays of {@code saved} as its parameters.
   *
   * @param origin where the arrays come from, for error messages
   * @throws IllegalArgumentException when a parameter is missing, has the wrong shape, or is extra
   */
  public static GptModel fromParameters(ModelSettings settings, int vocabSize, NDList saved,
      String origin) {
    return new GptModel(settings, vocabSize, ParameterFactory.fromSaved(saved, origin));
  }

  /** Returns the logits [B, T, padded vocabulary] of a micro-batch. */
  public NDArray logits(MicroBatch batch) {
    NDManager manager = batch.tokens().getManager();
    NDArray hidden = wordEmbeddings.get(manager, new NDIndex("{}", batch.tokens()));
    NDList cosSin = rotary.cosSin(batch.positionIds());
    for (TransformerLayer layer : layers) {
      hidden = layer.forward(hidden, cosSin, batch.attentionMask());
    }
    return finalNorm.forward(hidden).matMul(outputWeight.transpose());
  }

  /**
   * Returns the mean next-token cross-entropy (natural log) over the positions where the loss mask
   * is 1, as a scalar computed with log-softmax and gather.
   */
  public NDArray loss(MicroBatch batch) {
    NDArray logProbabilities = logits(batch).logSoftmax(-1);
    NDArray tokenLoss = logProbabilities.gather(batch.labels(), 2).squeeze(2).neg();
    long counted = Math.max(1, batch.lossTokens());
    NDArray tokenCount = GraphScalar.of(tokenLoss, counted);
    return tokenLoss.mul(batch.lossMask()).sum().div(tokenCount);
  }

  public ModelSettings settings() {
    return settings;
  }

  /** Returns the tokenizer vocabulary size, before padding. */
  public int vocabSize() {
    return vocabSize;
  }

  public int paddedVocabSize() {
    return settings.paddedVocabSize(vocabSize);
  }

  public ModelParameters parameters() {
    return parameters;
  }
}
