/**
 * Reading and writing tensors in files: the safetensors format, which PyTorch and Hugging Face use
 * to exchange weights.
 *
 * <p>{@code SafeTensors.save(model.stateDict(), Path.of("model.safetensors"))} writes a file that
 * {@code safetensors.torch.load_file} reads, and {@link io.jgrad.io.SafeTensors#load} reads the
 * files PyTorch writes. The parser treats every file as hostile: it validates the whole header
 * before allocating any tensor, and writes go to a temporary file that is renamed into place.
 *
 * <p>{@link io.jgrad.io.Json} is jgrad's one strict JSON codec, used for safetensors headers,
 * checkpoint metadata and golden test files: {@code Json.parse("{\"a\":1}")} gives {@code {a=1}}.
 */
package io.jgrad.io;
