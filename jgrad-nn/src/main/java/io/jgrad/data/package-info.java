/**
 * Datasets and batching, after {@code torch.utils.data}: {@link io.jgrad.data.Dataset}, {@link
 * io.jgrad.data.TensorDataset}, {@link io.jgrad.data.Subset}, random splits, and a {@link
 * io.jgrad.data.DataLoader} whose shuffles draw PyTorch's numbers for the same seed.
 *
 * <p>Also the Fashion-MNIST reader, {@link io.jgrad.data.FashionMnist}, for the IDX files
 * torchvision downloads.
 */
package io.jgrad.data;
