/**
 * Training checkpoints: a model's parameters, its optimizer's state, the epoch and free-form
 * strings in one safetensors file that PyTorch can read, via {@link
 * io.jgrad.nn.checkpoint.Checkpoint}. The layout is described in {@code docs/SAFETENSORS.md}.
 */
package io.jgrad.nn.checkpoint;
