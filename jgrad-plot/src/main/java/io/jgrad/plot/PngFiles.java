package io.jgrad.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encodes images as PNG and writes files atomically. */
final class PngFiles {
  private PngFiles() {}

  /**
   * Encodes {@code image} as PNG. ImageIO's PNG writer adds no time chunk unless given metadata, so
   * equal pixels give equal bytes.
   */
  static byte[] encode(BufferedImage image) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("PNG: this JDK has no ImageIO PNG writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // A memory cache: ImageIO's default file cache would touch java.io.tmpdir for every chart.
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(stream);
      writer.write(image);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG: encoding a chart in memory failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** Throws unless {@code file} ends in {@code .png}; {@code operation} starts the message. */
  static void checkPngExtension(String operation, Path file) {
    Path name = file.getFileName();
    String fileName = name == null ? "" : name.toString();
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    if (!extension.equals(".png")) {
      throw new IllegalArgumentException(
          String.format(
              "%s: unsupported file extension '%s' in '%s'; only .png is supported (SVG and PDF"
                  + " would need VectorGraphics2D or PDFBox, which jgrad-plot does not bundle)",
              operation, extension, file));
    }
  }

  /**
   * Writes {@code bytes} to {@code target} through a temporary file in the same directory and an
   * atomic rename, so readers see the old file or the new one, never half of one.
   */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temporary = createTemporary(directory, absolute.getFileName().toString());
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        // Flush before the rename: after a power cut the new name must not point at no data.
        channel.force(true);
      }
      Files.move(
          temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static Path createTemporary(Path directory, String fileName) throws IOException {
    // Not Files.createTempFile: it creates mode 0600, and the renamed plot would then be
    // unreadable to everyone else; CREATE_NEW honours the umask like any other new file.
    for (int attempt = 0; ; attempt++) {
      String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
      Path candidate = directory.resolve("." + fileName + "." + suffix + ".tmp");
      try {
        FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
            .close();
        return candidate;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }
}
