package org.openseek.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-head causal self-attention with RoPE, without biases: a fused query-key-value projection,
 * softmax attention under an additive mask, and an output projection.
 *
 * <p>Weights use the {@code torch.nn.Linear} layout [out, in]. The rows of {@code linear_qkv} are
 * all query heads, then all key heads, then all value heads. Megatron-LM interleaves them per
 * query group instead, so converting a checkpoint to Megatron needs a row permutation.
 */
final class CausalSelfAttention {

  private final NDArray linearQkv;
  private final NDArray linearProj;
  private final int heads;
  private final int headSize;
  private final float scale;

  CausalSelfAttention(ParameterFactory factory, String name, ModelSettings settings) {
    int hidden = settings.hiddenSize();
    this.heads = settings.attentionHeads();
    this.headSize = settings.headSize();
    this.scale = (float) (1.0 / Math.sqrt(headSize));
    this.linearQkv = factory.normal(name + ".linear_qkv.weight", new Shape(3L * hidden, hidden),
        settings.initStd());
    this.linearProj = factory.normal(name + ".linear_proj.weight", new Shape(hidden, hidden),
        outputInitStd(settings));
  }

  /**
   * Attends over {@code x} [B, T, hidden] and returns [B, T, hidden].
   *
   * @param cosSin rotation tables from {@link RotaryEmbedding#cosSin}
   * @param mask additive attention mask [B, 1, T, T]
   */
  NDArray forward(NDArray x, NDList cosSin, NDArray mask) {
    long batch = x.getShape().get(0);
    long length = x.getShape().get(1);
    NDList qkv = x.matMul(linearQkv.transpose()).split(3, 2);
    NDArray query = RotaryEmbedding.apply(splitHeads(qkv.get(0), batch, length), cosSin);
    NDArray key = RotaryEmbedding.apply(splitHeads(qkv.get(1), batch, length), cosSin);
    NDArray value = splitHeads(qkv.get(2), batch, length);

    NDArray scores = query.matMul(key.transpose(0, 1, 3, 2)).mul(GraphScalar.of(query, scale))
        .add(mask);
    NDArray context = scores.softmax(-1).matMul(value);

    NDArray merged = context.transpose(0, 2, 1, 3).reshape(batch, length, (long) heads * headSize);
    return merged.matMul(linearProj.transpose());
  }

  /** Reshapes [B, T, heads * headSize] to [B, heads, T, headSize]. */
  private NDArray splitHeads(NDArray x, long batch, long length) {
    return x.reshape(batch, length, heads, headSize).transpose(0, 2, 1, 3);
  }

  /** Megatron-LM's scaled init for layers that write into the residual stream. */
  static double outputInitStd(ModelSettings settings) {
    return settings.initStd() / Math.sqrt(2.0 * settings.layers());
  }
}
