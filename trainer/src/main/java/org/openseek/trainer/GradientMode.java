package org.openseek.trainer;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns off PyTorch's gradient recording on the current thread until closed, then restores the
 * previous state, like {@code torch.no_grad()}.
 *
 * <p>PyTorch keeps this flag per thread and turns it on in every new thread, and DJL's gradient
 * collector leaves it on when it was on before. In-place weight updates need it off, because
 * PyTorch rejects in-place changes of a leaf tensor that requires a gradient while recording.
 */
final class GradientMode implements AutoCloseable {

  private final boolean previous;

  private GradientMode() {
    previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  /** Turns recording off; close the returned object to restore the previous state. */
  static GradientMode disabled() {
    return new GradientMode();
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
