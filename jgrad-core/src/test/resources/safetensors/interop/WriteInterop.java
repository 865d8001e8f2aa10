import static io.jgrad.JGrad.*;
import io.jgrad.*;
import io.jgrad.io.*;
import java.nio.file.*;
import java.util.*;

public class WriteInterop {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Map<String, Tensor> all = new LinkedHashMap<>();
    all.put("f32", tensor(new float[] {1.5f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, 3e38f, 1e-45f}, 2, 3));
    all.put("f64", tensor(0.1, -1e300, Double.MIN_VALUE));
    all.put("i64", tensor(Long.MIN_VALUE, Long.MAX_VALUE, 0L));
    all.put("i32", tensor(new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 7}, 2, 2).to(DType.INT32));
    all.put("u8", tensor(0L, 1L, 128L, 255L).to(DType.UINT8));
    all.put("bool", tensor(true, false, true));
    all.put("scalar", scalar(2.5f));
    all.put("empty", zeros(0, 4));
    all.put("transposed", arange(0, 6).to(DType.FLOAT32).view(2, 3).t());
    all.put("caf\u00e9 \"q\"\n", tensor(9f));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "pt");
    meta.put("optimizer", "{\"lr\":0.01,\"step\":3}");
    SafeTensors.save(all, meta, dir.resolve("jgrad_all.safetensors"));

    manualSeed(42);
    Map<String, Tensor> model = new LinkedHashMap<>();
    model.put("0.weight", randn(4, 3));
    model.put("0.bias", randn(4));
    model.put("2.weight", randn(2, 4));
    model.put("2.bias", randn(2));
    SafeTensors.save(model, Map.of("format", "pt"), dir.resolve("jgrad_model.safetensors"));
    Tensor x = randn(5, 3);
    Tensor h = x.matmul(model.get("0.weight").t()).add(model.get("0.bias")).relu();
    Tensor y = h.matmul(model.get("2.weight").t()).add(model.get("2.bias"));
    SafeTensors.save(Map.of("x", x, "y", y), dir.resolve("jgrad_io.safetensors"));
    System.out.println("wrote " + dir);
  }
}
