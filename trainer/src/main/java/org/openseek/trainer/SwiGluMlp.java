package org.openseek.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * SwiGLU feed-forward network without biases: {@code fc2(silu(gate) * up)}, where
 * {@code [gate; up] = fc1(x)}.
 *
 * <p>Weights use the {@code torch.nn.Linear} layout [out, in]. The first ffn-hidden-size rows of
 * {@code linear_fc1} are the gate and the rest the up projection, as in Megatron-LM.
 */
final class SwiGluMlp {

  private final NDArray linearFc1;
  private final NDArray linearFc2;

  SwiGluMlp(ParameterFactory factory, String name, ModelSettings settings) {
    int hidden = settings.hiddenSize();
    int inner = settings.ffnHiddenSize();
    this.linearFc1 = factory.normal(name + ".linear_fc1.weight", new Shape(2L * inner, hidden),
        settings.initStd());
    this.linearFc2 = factory.normal(name + ".linear_fc2.weight", new Shape(hidden, inner),
        CausalSelfAttention.outputInitStd(settings));
  }

  /** Maps {@code x} [B, T, hidden] to [B, T, hidden]. */
  NDArray forward(NDArray x) {
    NDList gateAndUp = x.matMul(linearFc1.transpose()).split(2, 2);
    NDArray gate = gateAndUp.get(0);
    NDArray activated = gate.mul(Activation.sigmoid(gate)).mul(gateAndUp.get(1));
    return activated.matMul(linearFc2.transpose());
  }
}
