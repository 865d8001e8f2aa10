package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed case of the spec (§8) is refused with a message naming the problem. */
class SafeTensorsMalformedTest {
  @TempDir Path dir;
  private int count;

  /** A file of: u64 LE length of {@code header}, the header's UTF-8, then {@code data} zeros. */
  private Path file(String header, int dataBytes) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    return bytes(lengthField(json.length), json, new byte[dataBytes]);
  }

  private Path bytes(byte[]... parts) throws IOException {
    ByteBuffer all =
        ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
    for (byte[] p : parts) {
      all.put(p);
    }
    Path path = dir.resolve("case" + count++ + ".safetensors");
    Files.write(path, all.array());
    return path;
  }

  private static byte[] lengthField(long n) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n).array();
  }

  private static String entry(String name, String dtype, String shape, String offsets) {
    return "\""
        + name
        + "\":{\"dtype\":\""
        + dtype
        + "\",\"shape\":"
        + shape
        + ",\"data_offsets\":"
        + offsets
        + "}";
  }

  private static void assertRejected(Path path, String... fragments) {
    assertThatThrownBy(() -> SafeTensors.load(path))
        .isInstanceOf(SafeTensorsFormatException.class)
        .hasMessageStartingWith("safetensors: ")
        .hasMessageEndingWith("(" + path + ")")
        .hasMessageContainingAll(fragments);
  }

  @Test
  void fileShorterThanTheLengthField() throws IOException {
    assertRejected(bytes(new byte[] {1, 0}), "header too small: the file is 2 bytes");
  }

  @Test
  void headerLengthBeyondTheFile() throws IOException {
    Path path = bytes(lengthField(1000), new byte[92]);
    assertRejected(
        path, "invalid header length: header length 1000 at offset 0 exceeds file size 100");
  }

  @Test
  void headerLengthOverTheLimitIsRefusedBeforeAllocating() throws IOException {
    assertRejected(
        bytes(lengthField(200_000_000L), "{}".getBytes(StandardCharsets.US_ASCII)),
        "header too large: header length 200000000 at offset 0 exceeds the limit of 100000000");
    assertRejected(
        bytes(lengthField(-1L), new byte[8]), "header length 18446744073709551615 at offset 0");
  }

  @Test
  void headerThatIsNotUtf8() throws IOException {
    byte[] header = {'{', '"', (byte) 0xff, '"', ':', '1', '}', ' '};
    assertRejected(
        bytes(lengthField(8), header),
        "header is not valid UTF-8: malformed byte 0xff at header byte 2 (file offset 10)");
  }

  @Test
  void headerThatIsNotJson() throws IOException {
    assertRejected(
        file("{nope}", 0),
        "invalid JSON in header: unexpected 'n', expected a string "
            + "key at header byte 1 (file offset 9)");
    assertRejected(file("{\"a\":{}} x", 0), "unexpected 'x' after the JSON value at header byte 9");
    assertRejected(file("{\"a\":1,}", 0), "expected a string key");
    assertRejected(file("{\"a\\q\":1}", 0), "invalid escape 'q' in string");
    assertRejected(file("{\"a\tb\":1}", 0), "unescaped control character U+0009 in string");
    assertRejected(file("{\"\\ud800\":1}", 0), "lone surrogate U+D800 in string");
    assertRejected(file("{\"a\":01}", 0), "invalid number: leading zero");
    assertRejected(file("", 0), "unexpected end of JSON text at header byte 0");
  }

  @Test
  void headerThatIsNotAnObject() throws IOException {
    assertRejected(file("[1,2]", 0), "header is not a JSON object but an array");
    assertRejected(file("\"x\"", 0), "header is not a JSON object but the string \"x\"");
  }

  @Test
  void duplicateKeysAreRejectedByName() throws IOException {
    String a = entry("a", "U8", "[1]", "[0,1]");
    int secondKey = 1 + a.length() + 1;
    assertRejected(
        file("{" + a + "," + a + "}", 1),
        "duplicate key \"a\" at header byte " + secondKey + " (file offset " + (8 + secondKey));
  }

  @Test
  void nestingDeeperThanTheLimit() throws IOException {
    String deep = "[".repeat(100) + "]".repeat(100);
    String header =
        "{\"a\":{\"dtype\":\"U8\",\"shape\":[],\"data_offsets\":[0,1],\"x\":" + deep + "}}";
    assertRejected(file(header, 1), "nesting deeper than 64 levels");
  }

  @Test
  void unknownDTypeListsTheKnownOnes() throws IOException {
    assertRejected(
        file("{" + entry("w", "F33", "[1]", "[0,4]") + "}", 4),
        "tensor `w`: unknown dtype \"F33\", expected one of BOOL, F4,",
        "F64, I64, U64");
  }

  @Test
  void missingOrMistypedFields() throws IOException {
    assertRejected(
        file("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
        "tensor `w`: missing field `dtype`");
    assertRejected(
        file("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4), "missing field `shape`");
    assertRejected(
        file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "missing field `data_offsets`");
    assertRejected(file("{\"w\":5}", 0), "tensor `w`: entry must be an object, got the number 5");
    assertRejected(
        file("{" + entry("w", "F32", "3", "[0,12]") + "}", 12),
        "tensor `w`: `shape` must be an array, got the number 3");
    assertRejected(
        file("{\"w\":{\"dtype\":1,\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
        "`dtype` must be a string, got the number 1");
  }

  @Test
  void negativeFractionalAndOverflowingShapes() throws IOException {
    assertRejected(
        file("{" + entry("w", "F32", "[-1]", "[0,4]") + "}", 4),
        "tensor `w`: `shape` must hold non-negative integers, got the number -1 at index 0");
    assertRejected(
        file("{" + entry("w", "F32", "[1,4.0]", "[0,16]") + "}", 16),
        "got the non-integer number 4.0 at index 1");
    assertRejected(
        file("{" + entry("w", "F32", "[1e2]", "[0,400]") + "}", 400), "non-integer number 100.0");
    assertRejected(
        file("{" + entry("w", "F32", "[99999999999999999999]", "[0,4]") + "}", 4),
        "`shape` value 99999999999999999999 overflows a 64-bit integer");
    assertRejected(
        file("{" + entry("w", "F32", "[4294967296,4294967296]", "[0,4]") + "}", 4),
        "tensor `w`: shape [4294967296, 4294967296] of dtype F32 overflows a 64-bit byte count");
  }

  @Test
  void dataOffsetsMustBeTwoOrderedIntegers() throws IOException {
    assertRejected(
        file("{" + entry("w", "U8", "[1]", "[1]") + "}", 1),
        "tensor `w`: `data_offsets` must hold exactly two integers [begin, end], got [1]");
    assertRejected(file("{" + entry("w", "U8", "[1]", "[0,1,2]") + "}", 1), "got [0, 1, 2]");
    assertRejected(
        file("{" + entry("w", "U8", "[1]", "[\"0\",1]") + "}", 1),
        "`data_offsets` must hold non-negative integers, got the string \"0\" at index 0");
    assertRejected(
        file("{" + entry("w", "U8", "[0]", "[4,0]") + "}", 4),
        "invalid offset for tensor `w`: data_offsets [4, 0] end before they begin");
  }

  @Test
  void gapsAndOverlapsNameTheTensorAndOffsets() throws IOException {
    String gap = "{" + entry("a", "F32", "[1]", "[8,12]") + "}";
    long dataStart = 8 + gap.length();
    assertRejected(
        file(gap, 12),
        "invalid offset for tensor `a`: data_offsets [8, 12] (file offsets "
            + (dataStart + 8)
            + ".."
            + (dataStart + 12)
            + ") but the first tensor must begin at 0, so the data "
            + "section has a gap");
    String overlap =
        "{" + entry("a", "F32", "[2]", "[0,8]") + "," + entry("b", "F32", "[1]", "[4,8]") + "}";
    assertRejected(
        file(overlap, 8),
        "invalid offset for tensor `b`: data_offsets [4, 8]",
        "the previous tensor `a` ends at 8, so the data section has overlapping tensors");
  }

  @Test
  void sizeMustMatchShapeTimesDType() throws IOException {
    assertRejected(
        file("{" + entry("w", "F32", "[3]", "[0,16]") + "}", 16),
        "invalid shape, data type, or offset for tensor `w`: shape [3] of dtype F32 needs 12 "
            + "bytes, but data_offsets [0, 16] span 16 bytes");
    assertRejected(
        file("{" + entry("w", "F4", "[3]", "[0,2]") + "}", 2),
        "tensor `w`: 3 elements of 4-bit dtype F4 do not fill whole bytes");
  }

  @Test
  void trailingAndMissingBytes() throws IOException {
    String header = "{" + entry("w", "F32", "[1]", "[0,4]") + "}";
    int n = header.length();
    assertRejected(
        file(header, 5),
        "incomplete metadata, file not fully covered: the tensors end at data offset 4 (file "
            + "offset "
            + (8 + n + 4)
            + "), but the data section is 5 bytes",
        "leaving 1 trailing bytes");
    assertRejected(file(header, 0), "leaving 4 bytes missing");
    assertRejected(file("{}", 3), "leaving 3 trailing bytes");
  }

  @Test
  void metadataMustMapStringsToStrings() throws IOException {
    assertRejected(
        file("{\"__metadata__\":{\"format\":\"pt\",\"epoch\":1}}", 0),
        "`__metadata__` value for key `epoch` must be a string, got the number 1");
    assertRejected(file("{\"__metadata__\":{\"nested\":{}}}", 0), "got an object");
    assertRejected(
        file("{\"__metadata__\":[\"pt\"]}", 0), "`__metadata__` must be an object of strings");
  }

  @Test
  void unsupportedDTypeOpensButRefusesToLoad() throws IOException {
    Path path = file("{" + entry("h", "I16", "[2]", "[0,4]") + "}", 4);
    try (SafeTensorsFile f = SafeTensors.open(path)) {
      assertThat(f.dtype("h")).isEqualTo(SafeTensorsDType.I16);
      assertThat(f.shape("h")).containsExactly(2);
      assertThatThrownBy(() -> f.get("h"))
          .isInstanceOf(SafeTensorsFormatException.class)
          .hasMessageContaining(
              "tensor `h` has dtype I16, which jgrad cannot load; supported: BOOL, U8, F16, BF16, "
                  + "I32, F32, F64, I64");
    }
  }

  @Test
  void tensorLargerThanJgradCanHoldIsRefused() throws IOException {
    // Zero bytes on disk (a 0 in the shape), but a dimension beyond Java's int range.
    Path path = file("{" + entry("e", "F32", "[0,3000000000]", "[0,0]") + "}", 0);
    try (SafeTensorsFile f = SafeTensors.open(path)) {
      assertThat(f.shape("e")).containsExactly(0, 3_000_000_000L);
      assertThatThrownBy(() -> f.get("e"))
          .isInstanceOf(SafeTensorsFormatException.class)
          .hasMessageContaining(
              "tensor `e` of shape [0, 3000000000] is too large for jgrad, whose tensors hold at "
                  + "most 2147483647 elements");
    }
  }
}
