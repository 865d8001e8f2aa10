package io.jgrad.io;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated header of a safetensors file: its tensor entries in file order and its metadata.
 *
 * <p>{@code Header.read(channel, path)} runs every check of the format spec (§4) before anything
 * else is allocated: the only allocation proportional to the input is the header itself, whose
 * length was first checked against the file size, so a hostile length field cannot cause an
 * OutOfMemoryError.
 */
final class Header {
  /** The reference implementation's limit on the header length ("header too large"). */
  static final long MAX_HEADER_LENGTH = 100_000_000L;

  static final String METADATA_KEY = "__metadata__";

  /** One tensor's entry; offsets are relative to the data section. */
  record Entry(String name, SafeTensorsDType dtype, long[] shape, long begin, long end) {
    long byteLength() {
      return end - begin;
    }
  }

  private final long dataStart;
  private final Map<String, Entry> entries;
  private final Optional<Map<String, String>> metadata;

  private Header(
      long dataStart, Map<String, Entry> entries, Optional<Map<String, String>> metadata) {
    this.dataStart = dataStart;
    this.entries = entries;
    this.metadata = metadata;
  }

  /** File offset of the data section's first byte ({@code 8 + N}). */
  long dataStart() {
    return dataStart;
  }

  /** The entries by name, in header order (unmodifiable). */
  Map<String, Entry> entries() {
    return entries;
  }

  /** The {@code __metadata__} map, empty when the file has none. */
  Optional<Map<String, String>> metadata() {
    return metadata;
  }

  /** Reads and validates the header of the file open on {@code channel}. */
  static Header read(FileChannel channel, Path path) throws IOException {
    Problems problems = new Problems(path);
    long fileSize = channel.size();
    if (fileSize < 8) {
      throw problems.at(
          "header too small: the file is %d bytes, but the 8-byte header length field needs 8",
          fileSize);
    }
    ByteBuffer lengthField = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, lengthField, 0);
    long headerLength = lengthField.getLong(0);
    // The field is a u64: a negative long is a length above 2^63, certainly too large.
    if (headerLength < 0 || headerLength > MAX_HEADER_LENGTH) {
      throw problems.at(
          "header too large: header length %s at offset 0 exceeds the limit of %d bytes",
          Long.toUnsignedString(headerLength), MAX_HEADER_LENGTH);
    }
    if (headerLength > fileSize - 8) {
      throw problems.at(
          "invalid header length: header length %d at offset 0 exceeds file size %d minus the "
              + "8-byte length field",
          headerLength, fileSize);
    }
    ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
    readFully(channel, headerBytes, 8);
    String text = decodeUtf8(headerBytes.flip(), problems);
    Object root;
    try {
      root = Json.parse(text);
    } catch (JsonException e) {
      long byteOffset = utf8Length(text, e.offset());
      throw problems.at(
          "invalid JSON in header: %s at header byte %d (file offset %d)",
          e.problem(), byteOffset, 8 + byteOffset);
    }
    if (!(root instanceof Map<?, ?> members)) {
      throw problems.at("header is not a JSON object but %s", describe(root));
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    Optional<Map<String, String>> metadata = Optional.empty();
    for (Map.Entry<?, ?> member : members.entrySet()) {
      String name = (String) member.getKey();
      if (name.equals(METADATA_KEY)) {
        metadata = Optional.of(parseMetadata(member.getValue(), problems));
      } else {
        entries.put(name, parseEntry(name, member.getValue(), problems));
      }
    }
    checkCoverage(entries.values(), fileSize - 8 - headerLength, 8 + headerLength, problems);
    return new Header(8 + headerLength, Collections.unmodifiableMap(entries), metadata);
  }

  private static Map<String, String> parseMetadata(Object value, Problems problems)
      throws SafeTensorsFormatException {
    if (!(value instanceof Map<?, ?> map)) {
      throw problems.at("`%s` must be an object of strings, got %s", METADATA_KEY, describe(value));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw problems.at(
            "`%s` value for key `%s` must be a string, got %s",
            METADATA_KEY, e.getKey(), describe(e.getValue()));
      }
      metadata.put((String) e.getKey(), s);
    }
    return Collections.unmodifiableMap(metadata);
  }

  private static Entry parseEntry(String name, Object value, Problems problems)
      throws SafeTensorsFormatException {
    if (!(value instanceof Map<?, ?> fields)) {
      throw problems.at("tensor `%s`: entry must be an object, got %s", name, describe(value));
    }
    Object dtypeValue = field(fields, "dtype", name, problems);
    if (!(dtypeValue instanceof String dtypeName)) {
      throw problems.at(
          "tensor `%s`: `dtype` must be a string, got %s", name, describe(dtypeValue));
    }
    SafeTensorsDType dtype =
        SafeTensorsDType.fromHeaderName(dtypeName)
            .orElseThrow(
                () ->
                    problems.at(
                        "tensor `%s`: unknown dtype \"%s\", expected one of %s",
                        name, dtypeName, SafeTensorsDType.allNames()));
    long[] shape = integers(field(fields, "shape", name, problems), "shape", name, problems);
    long[] offsets =
        integers(field(fields, "data_offsets", name, problems), "data_offsets", name, problems);
    if (offsets.length != 2) {
      throw problems.at(
          "tensor `%s`: `data_offsets` must hold exactly two integers [begin, end], got %s",
          name, Arrays.toString(offsets));
    }
    if (offsets[1] < offsets[0]) {
      throw problems.at(
          "invalid offset for tensor `%s`: data_offsets %s end before they begin",
          name, Arrays.toString(offsets));
    }
    return new Entry(name, dtype, shape, offsets[0], offsets[1]);
  }

  private static Object field(Map<?, ?> fields, String key, String name, Problems problems)
      throws SafeTensorsFormatException {
    // containsKey: a JSON null is present (and reported as "got null"), not missing.
    if (!fields.containsKey(key)) {
      throw problems.at("tensor `%s`: missing field `%s`", name, key);
    }
    return fields.get(key);
  }

  private static long[] integers(Object value, String key, String name, Problems problems)
      throws SafeTensorsFormatException {
    if (!(value instanceof List<?> list)) {
      throw problems.at("tensor `%s`: `%s` must be an array, got %s", name, key, describe(value));
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object item = list.get(i);
      if (item instanceof Long l && l >= 0) {
        out[i] = l;
      } else if (item instanceof BigInteger big && big.signum() > 0) {
        throw problems.at("tensor `%s`: `%s` value %s overflows a 64-bit integer", name, key, big);
      } else {
        throw problems.at(
            "tensor `%s`: `%s` must hold non-negative integers, got %s at index %d",
            name, key, describe(item), i);
      }
    }
    return out;
  }

  /** Checks that the entries tile the data section exactly, as the reference reader does. */
  private static void checkCoverage(
      Iterable<Entry> entries, long dataLength, long dataStart, Problems problems)
      throws SafeTensorsFormatException {
    List<Entry> byOffset = new ArrayList<>();
    entries.forEach(byOffset::add);
    byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long expectedBegin = 0;
    String previous = null;
    for (Entry e : byOffset) {
      if (e.begin() != expectedBegin) {
        throw problems.at(
            "invalid offset for tensor `%s`: data_offsets [%d, %d] (file offsets %s) but %s, so "
                + "the data section has %s",
            e.name(),
            e.begin(),
            e.end(),
            fileRange(dataStart, e),
            previous == null
                ? "the first tensor must begin at 0"
                : "the previous tensor `" + previous + "` ends at " + expectedBegin,
            e.begin() > expectedBegin ? "a gap" : "overlapping tensors");
      }
      long expectedBytes = byteLength(e, problems);
      if (e.byteLength() != expectedBytes) {
        throw problems.at(
            "invalid shape, data type, or offset for tensor `%s`: shape %s of dtype %s needs %d "
                + "bytes, but data_offsets [%d, %d] span %d bytes",
            e.name(),
            Arrays.toString(e.shape()),
            e.dtype(),
            expectedBytes,
            e.begin(),
            e.end(),
            e.byteLength());
      }
      expectedBegin = e.end();
      previous = e.name();
    }
    if (expectedBegin != dataLength) {
      throw problems.at(
          "incomplete metadata, file not fully covered: the tensors end at data offset %d (file "
              + "offset %d), but the data section is %d bytes (file offsets %d..%d), leaving %s",
          expectedBegin,
          dataStart + expectedBegin,
          dataLength,
          dataStart,
          dataStart + dataLength,
          expectedBegin < dataLength
              ? (dataLength - expectedBegin) + " trailing bytes"
              : (expectedBegin - dataLength) + " bytes missing");
    }
  }

  /** The byte count {@code shape} and {@code dtype} imply, with overflow detection. */
  private static long byteLength(Entry e, Problems problems) throws SafeTensorsFormatException {
    try {
      long numel = 1;
      for (long d : e.shape()) {
        numel = Math.multiplyExact(numel, d);
      }
      long bits = Math.multiplyExact(numel, e.dtype().bits());
      if (bits % 8 != 0) {
        throw problems.at(
            "tensor `%s`: %d elements of %d-bit dtype %s do not fill whole bytes",
            e.name(), numel, e.dtype().bits(), e.dtype());
      }
      return bits / 8;
    } catch (ArithmeticException overflow) {
      throw problems.at(
          "tensor `%s`: shape %s of dtype %s overflows a 64-bit byte count",
          e.name(), Arrays.toString(e.shape()), e.dtype());
    }
  }

  private static String fileRange(long dataStart, Entry e) {
    // Hostile offsets can overflow when shifted to file offsets; say so instead of wrapping.
    try {
      return Math.addExact(dataStart, e.begin()) + ".." + Math.addExact(dataStart, e.end());
    } catch (ArithmeticException overflow) {
      return "beyond 2^63";
    }
  }

  private static String decodeUtf8(ByteBuffer bytes, Problems problems)
      throws SafeTensorsFormatException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars = CharBuffer.allocate(bytes.remaining());
    CoderResult result = decoder.decode(bytes, chars, true);
    if (result.isError()) {
      throw problems.at(
          "header is not valid UTF-8: malformed byte 0x%02x at header byte %d (file offset %d)",
          bytes.get(bytes.position()) & 0xFF, bytes.position(), 8 + bytes.position());
    }
    decoder.flush(chars);
    return chars.flip().toString();
  }

  private static long utf8Length(String text, int charCount) {
    return text.substring(0, Math.min(charCount, text.length()))
        .getBytes(StandardCharsets.UTF_8)
        .length;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof Map<?, ?>) {
      return "an object";
    } else if (value instanceof List<?>) {
      return "an array";
    } else if (value instanceof String s) {
      return "the string \"" + s + "\"";
    } else if (value instanceof Boolean b) {
      return "the boolean " + b;
    } else if (value instanceof Double d) {
      return "the non-integer number " + d;
    }
    return "the number " + value;
  }

  static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
    long at = position;
    while (into.hasRemaining()) {
      int n = channel.read(into, at);
      if (n < 0) {
        throw new EOFException("safetensors: file ended at offset " + at + " while reading");
      }
      at += n;
    }
  }

  /** Builds messages of the form {@code safetensors: <problem> (<file>)}. */
  record Problems(Path path) {
    SafeTensorsFormatException at(String template, Object... args) {
      return new SafeTensorsFormatException(
          "safetensors: " + String.format(template, args) + " (" + path + ")");
    }
  }
}
