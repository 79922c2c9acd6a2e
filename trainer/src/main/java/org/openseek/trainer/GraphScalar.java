package org.openseek.trainer;

import ai.djl.ndarray.NDArray;

/**
 * Scalar operands for products and quotients that autograd records.
 *
 * <p>DJL 0.36.0's {@code NDArray.mul(Number)} and {@code div(Number)} wrap the number in a scalar
 * array and close it as soon as the operation returns. On CPU the PyTorch engine backs that array
 * with a Java direct buffer, which the garbage collector frees once the array is closed. Autograd
 * keeps the scalar for the backward pass of a product or quotient, so a collection between the
 * forward and backward passes turns the gradients into garbage, often NaN or infinite. An array
 * from {@link #of} stays open until the enclosing {@link ai.djl.ndarray.NDScope} or its manager
 * closes, which in a training step comes after the backward pass.
 */
final class GraphScalar {

  private GraphScalar() {}

  /** Creates a float32 scalar with {@code value} in the manager of {@code like}. */
  static NDArray of(NDArray like, float value) {
    return like.getManager().create(value);
  }
}
