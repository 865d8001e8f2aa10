/**
 * Optimizers, learning-rate schedulers and gradient clipping, after {@code torch.optim} and {@code
 * torch.nn.utils.clip_grad}.
 *
 * <p>Each optimizer implements PyTorch's single-tensor ("for-loop") update exactly as written in
 * {@code torch/optim/*.py}, keeps PyTorch's option and state names (snake_case keys such as {@code
 * "weight_decay"} and {@code "exp_avg_sq"}) and exports {@link
 * io.jgrad.optim.Optimizer#stateDict()} in PyTorch's layout, so checkpoints map one to one.
 */
package io.jgrad.optim;
