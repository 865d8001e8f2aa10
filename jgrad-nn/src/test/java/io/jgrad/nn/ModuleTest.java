package io.jgrad.nn;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {

  /** Seed 004's model: two scalar parameters as plain fields, no registration calls. */
  static class LinearModel extends Module {
    final Parameter a = new Parameter(zeros());
    final Parameter b = new Parameter(zeros());

    @Override
    public Tensor forward(Tensor x) {
      return a.mul(x).add(b);
    }
  }

  static class Net extends Module {
    final Linear fc1 = new Linear(3, 4);
    final ReLU act = new ReLU();
    final Linear fc2;
    Tensor notABuffer = zeros(2);

    Net() {
      fc2 = new Linear(4, 1);
      registerBuffer("scale", ones(1));
      registerBuffer("cache", zeros(1), false);
    }

    @Override
    public Tensor forward(Tensor x) {
      return fc2.forward(act.forward(fc1.forward(x))).mul(getBuffer("scale"));
    }
  }

  @Test
  void fieldsAreDiscoveredInDeclarationOrder() {
    LinearModel model = new LinearModel();
    assertThat(model.namedParameters().keySet()).containsExactly("a", "b");
    assertThat(model.parameters()).containsExactly(model.a, model.b);
    Tensor y = model.forward(tensor(1f, 2f));
    assertThat(y.toFloatArray()).containsExactly(0f, 0f);
  }

  @Test
  void nestedModulesGiveDottedNamesAndStateDictOrder() {
    Net net = new Net();
    assertThat(net.namedParameters().keySet())
        .containsExactly("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
    assertThat(net.namedChildren().keySet()).containsExactly("fc1", "act", "fc2");
    assertThat(net.namedModules().keySet()).containsExactly("", "fc1", "act", "fc2");
    assertThat(net.namedBuffers().keySet()).containsExactly("scale", "cache");
    // Own parameters, own persistent buffers, then children; plain tensor fields are not state.
    assertThat(net.stateDict().keySet())
        .containsExactly("scale", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
  }

  @Test
  void sharedParametersAndModulesAreListedOnce() {
    Linear shared = new Linear(2, 2);
    Sequential seq = new Sequential(shared, new ReLU(), shared);
    assertThat(seq.size()).isEqualTo(3);
    assertThat(seq.parameters()).hasSize(2);
    assertThat(seq.namedParameters().keySet()).containsExactly("0.weight", "0.bias");
    assertThat(seq.modules()).hasSize(3);
    assertThat(seq.stateDict().keySet())
        .containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
  }

  @Test
  void stateDictRoundTripCopiesValuesInPlace() {
    manualSeed(0);
    Net source = new Net();
    Net target = new Net();
    Parameter before = target.fc1.weight();
    IncompatibleKeys keys = target.loadStateDict(source.stateDict());
    assertThat(keys.missingKeys()).isEmpty();
    assertThat(keys.unexpectedKeys()).isEmpty();
    assertThat(target.fc1.weight()).isSameAs(before);
    for (Map.Entry<String, Tensor> e : source.stateDict().entrySet()) {
      assertThat(target.stateDict().get(e.getKey()).equal(e.getValue())).isTrue();
    }
    Tensor x = randn(5, 3);
    assertThat(target.forward(x).equal(source.forward(x))).isTrue();
    assertThat(target.stateDict().get("fc1.weight").requiresGrad()).isFalse();
  }

  @Test
  void strictLoadReportsMissingAndUnexpectedKeysLikePyTorch() {
    Linear linear = new Linear(3, 1);
    Map<String, Tensor> sd = new LinkedHashMap<>();
    sd.put("weight", zeros(1, 3));
    sd.put("extra", zeros(1));
    sd.put("sub.x", zeros(1));
    assertThatThrownBy(() -> linear.loadStateDict(sd))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Error(s) in loading state_dict for Linear:\n"
                + "\tMissing key(s) in state_dict: \"bias\". \n"
                + "\tUnexpected key(s) in state_dict: \"extra\", \"sub.x\". ");
    IncompatibleKeys keys = linear.loadStateDict(sd, false);
    assertThat(keys.missingKeys()).containsExactly("bias");
    assertThat(keys.unexpectedKeys()).containsExactly("extra", "sub.x");
    assertThat(linear.weight().toFloatArray()).containsExactly(0f, 0f, 0f);
  }

  @Test
  void sizeMismatchFailsEvenWhenNotStrict() {
    Linear linear = new Linear(3, 2);
    Map<String, Tensor> sd = Map.of("weight", zeros(1, 3), "bias", zeros(2));
    assertThatThrownBy(() -> linear.loadStateDict(sd, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Error(s) in loading state_dict for Linear:\n"
                + "\tsize mismatch for weight: copying a param with shape Size([1, 3]) from "
                + "checkpoint, the shape in current model is Size([2, 3]).");
  }

  @Test
  void toStringPrintsPyTorchsTree() {
    Sequential seq = new Sequential(new Linear(3, 1), new Flatten(0, 1));
    assertThat(seq.toString())
        .isEqualTo(
            "Sequential(\n"
                + "  (0): Linear(in_features=3, out_features=1, bias=True)\n"
                + "  (1): Flatten(start_dim=0, end_dim=1)\n"
                + ")");
    Sequential nested = new Sequential(new Sequential(new ReLU()), new LayerNorm(10));
    assertThat(nested.toString())
        .isEqualTo(
            "Sequential(\n"
                + "  (0): Sequential(\n"
                + "    (0): ReLU()\n"
                + "  )\n"
                + "  (1): LayerNorm((10,), eps=1e-05, elementwise_affine=True)\n"
                + ")");
    assertThat(new Net().toString())
        .isEqualTo(
            "Net(\n"
                + "  (fc1): Linear(in_features=3, out_features=4, bias=True)\n"
                + "  (act): ReLU()\n"
                + "  (fc2): Linear(in_features=4, out_features=1, bias=True)\n"
                + ")");
  }

  @Test
  void layerReprsMatchPyTorch() {
    assertThat(new BatchNorm1d(3).toString())
        .isEqualTo(
            "BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)");
    assertThat(new Dropout(0.25).toString()).isEqualTo("Dropout(p=0.25, inplace=False)");
    assertThat(new LeakyReLU().toString()).isEqualTo("LeakyReLU(negative_slope=0.01)");
    assertThat(new GELU("tanh").toString()).isEqualTo("GELU(approximate='tanh')");
    assertThat(new Softmax(1).toString()).isEqualTo("Softmax(dim=1)");
    assertThat(new Embedding(10, 3, 0).toString()).isEqualTo("Embedding(10, 3, padding_idx=0)");
    assertThat(new Unflatten(1, 2, 5).toString())
        .isEqualTo("Unflatten(dim=1, unflattened_size=(2, 5))");
    assertThat(new MSELoss().toString()).isEqualTo("MSELoss()");
    assertThat(new Identity().toString()).isEqualTo("Identity()");
  }

  @Test
  void trainAndEvalPropagateToChildren() {
    Sequential seq = new Sequential(new Dropout(0.5), new Sequential(new BatchNorm1d(2)));
    seq.eval();
    assertThat(seq.modules()).allMatch(m -> !m.isTraining());
    seq.train();
    assertThat(seq.modules()).allMatch(Module::isTraining);
  }

  @Test
  void zeroGradClearsEveryGradient() {
    Net net = new Net();
    net.forward(randn(2, 3)).sum().backward();
    assertThat(net.parameters()).allMatch(Tensor::hasGrad);
    net.zeroGrad();
    assertThat(net.parameters()).noneMatch(Tensor::hasGrad);
  }

  @Test
  void applyVisitsChildrenBeforeParent() {
    List<String> visited = new ArrayList<>();
    new Sequential(new ReLU(), new Sequential(new Tanh()))
        .apply(m -> visited.add(m.getClass().getSimpleName()));
    assertThat(visited).containsExactly("ReLU", "Tanh", "Sequential", "Sequential");
  }

  @Test
  void toFloat64ReplacesParametersAndFieldsAndKeepsIntegerBuffers() {
    LinearModel model = new LinearModel();
    Parameter oldA = model.a;
    model.to(DType.FLOAT64);
    assertThat(model.a).isNotSameAs(oldA);
    assertThat(model.a.dtype()).isEqualTo(DType.FLOAT64);
    assertThat(model.parameters()).containsExactly(model.a, model.b);
    BatchNorm1d bn = new BatchNorm1d(2);
    bn.to(DType.FLOAT64);
    assertThat(bn.getBuffer("running_mean").dtype()).isEqualTo(DType.FLOAT64);
    assertThat(bn.getBuffer("num_batches_tracked").dtype()).isEqualTo(DType.INT64);
    assertThatThrownBy(() -> bn.to(DType.INT64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only accepts floating point dtypes");
  }

  @Test
  void badNamesAreRejected() {
    Net net = new Net();
    assertThatThrownBy(() -> net.registerParameter("a.b", new Parameter(zeros(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("can't contain \".\"");
    assertThatThrownBy(() -> net.registerParameter("", new Parameter(zeros(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty string");
    assertThatThrownBy(() -> net.registerParameter("fc1", new Parameter(zeros(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attribute 'fc1' already exists");
    assertThatThrownBy(() -> net.getSubmodule("fc3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fc3");
    assertThatThrownBy(() -> net.forward(zeros(1), zeros(1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void sequentialIndexingAndAdd() {
    Sequential seq = new Sequential(new Linear(3, 1));
    seq.add(new Flatten(0, 1));
    assertThat(seq.size()).isEqualTo(2);
    assertThat(seq.get(0)).isInstanceOf(Linear.class);
    assertThat(seq.get(-1)).isInstanceOf(Flatten.class);
    assertThatThrownBy(() -> seq.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    List<Module> iterated = new ArrayList<>();
    seq.forEach(iterated::add);
    assertThat(iterated).hasSize(2);
    assertThat(seq.forward(zeros(4, 3)).shape().toString()).isEqualTo("Size([4])");
  }
}
