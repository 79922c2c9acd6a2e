package org.openseek.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW with bias correction and decoupled weight decay, matching {@code torch.optim.AdamW}:
 * {@code p -= lr * (m̂ / (sqrt(v̂) + eps) + wd * p)}. Weight decay applies only to tensors of
 * rank 2 or more (weight matrices and embeddings), never to norm weights or other 1-D tensors.
 *
 * <p>DJL's own optimizer cannot be used here: it has one decay value for all parameters, no
 * global-norm clipping, and no way to save its state.
 */
public final class AdamW {

  private static final String FIRST_MOMENT = "exp_avg.";
  private static final String SECOND_MOMENT = "exp_avg_sq.";

  private final OptimizerSettings settings;
  private final List<Slot> slots = new ArrayList<>();
  private long stepCount;

  /** One parameter with its moment estimates. */
  private record Slot(String name, NDArray parameter, NDArray firstMoment, NDArray secondMoment,
      boolean decays) {}

  /** Creates the optimizer with zero moments for every parameter, kept in {@code stateManager}. */
  public AdamW(ModelParameters parameters, OptimizerSettings settings, NDManager stateManager) {
    this.settings = settings;
    for (Map.Entry<String, NDArray> entry : parameters.asMap().entrySet()) {
      String name = entry.getKey();
      NDArray parameter = entry.getValue();
      NDArray firstMoment = stateManager.zeros(parameter.getShape(), parameter.getDataType());
      firstMoment.setName(FIRST_MOMENT + name);
      NDArray secondMoment = stateManager.zeros(parameter.getShape(), parameter.getDataType());
      secondMoment.setName(SECOND_MOMENT + name);
      slots.add(new Slot(name, parameter, firstMoment, secondMoment, decays(parameter)));
    }
  }

  /** Returns whether weight decay applies to {@code parameter}: true for rank 2 or more. */
  public static boolean decays(NDArray parameter) {
    return parameter.getShape().dimension() >= 2;
  }

  /**
   * Updates every parameter from its accumulated gradient with learning rate {@code lr}, then sets
   * the gradients to zero, because PyTorch adds each backward pass to the existing gradient.
   *
   * <p>Gradient recording is off during the update, on any thread.
   */
  public void step(double lr) {
    stepCount++;
    double beta1 = settings.beta1();
    double beta2 = settings.beta2();
    double firstCorrection = 1 - Math.pow(beta1, stepCount);
    double secondCorrection = 1 - Math.pow(beta2, stepCount);
    float decayFactor = (float) (1 - lr * settings.weightDecay());
    float stepSize = (float) (lr / firstCorrection);
    float epsilon = (float) settings.epsilon();

    try (NDScope scope = new NDScope(); GradientMode noGradient = GradientMode.disabled()) {
      scope.suppressNotUsedWarning();
      for (Slot slot : slots) {
        NDArray gradient = slot.parameter().getGradient();
        slot.firstMoment().muli((float) beta1).addi(gradient.mul((float) (1 - beta1)));
        slot.secondMoment().muli((float) beta2).addi(gradient.square().muli((float) (1 - beta2)));
        if (slot.decays()) {
          slot.parameter().muli(decayFactor);
        }
        NDArray denominator =
            slot.secondMoment().div((float) secondCorrection).sqrt().addi(epsilon);
        slot.parameter().subi(slot.firstMoment().div(denominator).muli(stepSize));
        gradient.subi(gradient);
      }
    }
  }

  /** Returns the number of updates done so far, which sets the bias correction of the next one. */
  public long stepCount() {
    return stepCount;
  }

  /**
   * Returns the moment estimates as named arrays ({@code exp_avg.<parameter>} and
   * {@code exp_avg_sq.<parameter>}) for saving. The list shares the optimizer's arrays.
   */
  public NDList state() {
    NDList list = new NDList(slots.size() * 2);
    for (Slot slot : slots) {
      list.add(slot.firstMoment());
      list.add(slot.secondMoment());
    }
    return list;
  }

  /**
   * Copies saved moment estimates and the step count into this optimizer.
   *
   * @param origin where the arrays come from, for error messages
   * @throws IllegalArgumentException when an estimate is missing or has the wrong shape
   */
  public void loadState(NDList saved, long savedStepCount, String origin) {
    if (savedStepCount < 0) {
      throw new IllegalArgumentException("optimizer step count in " + origin
          + " must be >= 0, got " + savedStepCount);
    }
    Map<String, NDArray> byName = new HashMap<>();
    for (NDArray array : saved) {
      byName.put(array.getName(), array);
    }
    for (Slot slot : slots) {
      copyInto(byName, FIRST_MOMENT + slot.name(), slot.firstMoment(), origin);
      copyInto(byName, SECOND_MOMENT + slot.name(), slot.secondMoment(), origin);
    }
    this.stepCount = savedStepCount;
  }

  private static void copyInto(Map<String, NDArray> saved, String name, NDArray target,
      String origin) {
    NDArray source = saved.get(name);
    if (source == null) {
      throw new IllegalArgumentException("optimizer state " + name + " is missing from " + origin);
    }
    if (!source.getShape().equals(target.getShape())
        || source.getDataType() != target.getDataType()) {
      throw new IllegalArgumentException("optimizer state " + name + " in " + origin + " is "
          + source.getDataType() + " " + source.getShape() + ", expected " + target.getDataType()
          + " " + target.getShape());
    }
    source.copyTo(target);
  }
}
