package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * WGAN-GP's gradient penalty and its parameter gradient from first-order passes only.
 *
 * <p>The penalty on a batch of B interpolates is
 * {@code P = lambda / B * sum_i (|g_i| - 1)^2} with {@code g_i = grad_x D(x_i)}. Its gradient
 * with respect to the critic's parameters theta is
 * {@code dP/dtheta = sum_i c_i d|g_i|/dtheta} with {@code c_i = 2 lambda (|g_i| - 1) / B},
 * and with {@code u_i = g_i / |g_i|} held fixed,
 * {@code d|g_i|/dtheta = d/dtheta (u_i . grad_x D(x_i))}: the parameter gradient of a directional derivative (a Hessian-vector product). The critic is
 * piecewise linear in x, so that directional derivative is a forward-mode pass of u through the
 * critic's linearisation at x ({@link Critic#tangent}), an ordinary differentiable function of
 * the weights. So the penalty's parameter gradient is the ordinary gradient of the surrogate
 * <pre>  S = sum_i c_i tangent_i(theta),  c_i and u_i constants,</pre>
 * which {@link Surrogate#objective} builds for the caller to add to the critic's loss before its
 * one backward pass.
 *
 * <p>Steps: a forward pass of the interpolates through detached weights (keeping the ReLU masks)
 * and a backward pass to the input give g (and no parameter gradient); then the surrogate.
 *
 * <p>Why not the exact double backward: DJL 0.33 cannot reset a parameter's gradient to none,
 * and a gradient computed with {@code create_graph} keeps its graph alive through it, about
 * 93 KB a step (STACK-NOTES). Why not a central difference of the critic along u
 * ({@code (D(x + eps u) - D(x - eps u)) / 2 eps}): for a ReLU critic its parameter gradient
 * jumps by O(1/eps) whenever a ReLU changes sign within eps of x; on the small4 critic at batch
 * 8 it was off by 12 times the gradient's norm at eps = 1e-3 and 1e-2 (float64, so not
 * rounding), and exact only at eps = 1e-4 in float64. The tangent pass agrees with the double
 * backward to rounding (see the tests) and keeps no graph between steps.
 */
final class GradientPenalty {
  private final double lambda;

  /** @param lambda the penalty's weight */
  GradientPenalty(double lambda) {
    this.lambda = lambda;
  }

  /**
   * What the critic's backward pass needs for the penalty.
   *
   * @param directions the unit input gradients u, {@code (B, C, S, S)}, without gradient
   * @param masks the critic's ReLU masks at the interpolates
   * @param weights the constants {@code c_i}, {@code (B)}
   * @param penalty the penalty's value P, a scalar
   * @param gradientNorm the mean input-gradient norm, a scalar
   */
  record Surrogate(NDArray directions, NDList masks, NDArray weights, NDArray penalty,
      NDArray gradientNorm) {

    /**
     * The surrogate S under the critic's {@code criticWeights}: a scalar whose gradient with
     * respect to them is the penalty's. Call while autograd records.
     */
    NDArray objective(Critic critic, NDList criticWeights) {
      return critic.tangent(criticWeights, masks, directions).mul(weights).sum();
    }
  }

  /**
   * Computes the input gradient of the critic at {@code interpolates} through
   * {@code detachedWeights} (so no parameter gradient accumulates), the penalty and the
   * surrogate's constants. Call with autograd {@link Autograd#paused() paused}; the arrays it
   * returns live on the manager of {@code interpolates}.
   *
   * @param critic the critic
   * @param detachedWeights the critic's weights cut from the graph
   * @param interpolates B points of {@code (B, C, S, S)} that require no gradient
   */
  Surrogate surrogate(Critic critic, NDList detachedWeights, NDArray interpolates) {
    long batch = interpolates.getShape().get(0);
    // a detached view of the interpolates, on their manager: a leaf whose gradient the pass fills
    NDArray leaf = interpolates.stopGradient();
    leaf.setRequiresGradient(true);
    Critic.Pass pass;
    try (Autograd.Mode recording = Autograd.recording()) {
      pass = critic.scoreWithMasks(detachedWeights, leaf);
      Autograd.backward(pass.scores(), pass.scores().onesLike());
    }
    NDArray gradient = leaf.getGradient();
    NDArray norms = gradient.square().sum(new int[] {1, 2, 3}).sqrt();
    NDArray directions = gradient.div(norms.maximum(1e-12).reshape(batch, 1, 1, 1));
    NDArray excess = norms.sub(1);
    return new Surrogate(directions, pass.masks(), excess.mul((float) (2 * lambda / batch)),
        excess.square().mean().mul((float) lambda), norms.mean());
  }
}
