package org.openseek.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Collection;

/**
 * Global-norm gradient clipping as in Megatron-LM and {@code torch.nn.utils.clip_grad_norm_}: when
 * the L2 norm of all gradients together exceeds the maximum, every gradient is multiplied by
 * {@code max / (norm + 1e-6)}.
 */
public final class GradientClipping {

  private static final double NORM_EPSILON = 1e-6;

  private GradientClipping() {}

  /** Returns the L2 norm of the gradients of all {@code parameters} together. */
  public static double globalNorm(Collection<NDArray> parameters) {
    try (NDScope scope = new NDScope(); GradientMode noGradient = GradientMode.disabled()) {
      scope.suppressNotUsedWarning();
      double sumOfSquares = 0;
      for (NDArray parameter : parameters) {
        sumOfSquares += parameter.getGradient().square().sum().getFloat();
      }
      return Math.sqrt(sumOfSquares);
    }
  }

  /**
   * Scales the gradients in place so that their global norm is at most {@code maxNorm}, unless
   * {@code maxNorm} is 0, and returns the norm measured before scaling.
   */
  public static double clip(Collection<NDArray> parameters, double maxNorm) {
    double norm = globalNorm(parameters);
    if (maxNorm <= 0 || !Double.isFinite(norm)) {
      return norm;
    }
    double coefficient = maxNorm / (norm + NORM_EPSILON);
    if (coefficient < 1.0) {
      try (NDScope scope = new NDScope(); GradientMode noGradient = GradientMode.disabled()) {
        scope.suppressNotUsedWarning();
        for (NDArray parameter : parameters) {
          parameter.getGradient().muli((float) coefficient);
        }
      }
    }
    return norm;
  }
}
