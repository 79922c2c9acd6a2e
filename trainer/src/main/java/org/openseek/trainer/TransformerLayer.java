package org.openseek.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** A pre-norm decoder layer: {@code x + attention(norm(x))}, then {@code h + mlp(norm(h))}. */
final class TransformerLayer {

  private final RmsNorm inputNorm;
  private final CausalSelfAttention attention;
  private final RmsNorm preMlpNorm;
  private final SwiGluMlp mlp;

  TransformerLayer(ParameterFactory factory, String name, ModelSettings settings) {
    int hidden = settings.hiddenSize();
    double epsilon = settings.normEpsilon();
    this.inputNorm = new RmsNorm(factory, name + ".input_layernorm", hidden, epsilon);
    this.attention = new CausalSelfAttention(factory, name + ".self_attention", settings);
    this.preMlpNorm = new RmsNorm(factory, name + ".pre_mlp_layernorm", hidden, epsilon);
    this.mlp = new SwiGluMlp(factory, name + ".mlp", settings);
  }

  NDArray forward(NDArray x, NDList cosSin, NDArray mask) {
    NDArray afterAttention = x.add(attention.forward(inputNorm.forward(x), cosSin, mask));
    return afterAttention.add(mlp.forward(preMlpNorm.forward(afterAttention)));
  }
}
