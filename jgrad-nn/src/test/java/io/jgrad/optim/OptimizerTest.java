package io.jgrad.optim;

import static io.jgrad.JGrad.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optimizer base class: groups, zeroGrad, step rules, state dicts and argument checks. */
class OptimizerTest {

  private static Tensor param(double... values) {
    return tensor(values).requiresGrad_(true);
  }

  @Test
  void zeroGradDropsGradientsByDefaultAndZeroesThemInPlaceOnRequest() {
    Tensor w = param(1.0, 2.0);
    SGD sgd = new SGD(List.of(w), 0.1);
    w.mul(w).sum().backward();
    Tensor grad = w.grad();
    sgd.zeroGrad(false);
    assertThat(w.grad()).isSameAs(grad);
    assertThat(grad.toDoubleArray()).containsExactly(0.0, 0.0);
    sgd.zeroGrad();
    assertThat(w.hasGrad()).isFalse();
  }

  @Test
  void stepSkipsParametersWithoutGradAndDoesNotRecordAutograd() {
    Tensor a = param(1.0);
    Tensor b = param(2.0);
    SGD sgd = new SGD(List.of(a, b), SGD.Options.of(0.5).momentum(0.9));
    a.setGrad(tensor(4.0));
    sgd.step();
    assertThat(a.item()).isEqualTo(-1.0);
    assertThat(b.item()).isEqualTo(2.0);
    assertThat(a.isLeaf()).isTrue();
    assertThat(sgd.state(b)).isEmpty();
    assertThat(((Map<?, ?>) sgd.stateDict().get("state")).keySet()).isEqualTo(java.util.Set.of(0));
  }

  @Test
  void paramGroupsKeepTheirOwnOptionsOverDefaults() {
    Tensor a = param(1.0);
    Tensor b = param(1.0);
    SGD sgd = new SGD(List.of(a), 0.1);
    sgd.addParamGroup(List.of(b), Map.of("lr", 0.01));
    a.setGrad(tensor(1.0));
    b.setGrad(tensor(1.0));
    sgd.step();
    assertThat(a.item()).isEqualTo(0.9);
    assertThat(b.item()).isEqualTo(0.99);
    assertThat(sgd.paramGroups().get(1).getDouble("momentum")).isEqualTo(0.0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void stateDictHasPyTorchLayout() {
    Tensor a = param(1.0, 2.0);
    Tensor b = param(3.0);
    Adam adam = new Adam(List.of(a));
    adam.addParamGroup(List.of(b), Map.of("lr", 0.5));
    a.setGrad(tensor(0.1, 0.2));
    b.setGrad(tensor(0.3));
    adam.step();
    Map<String, Object> dict = adam.stateDict();
    List<Map<String, Object>> groups = (List<Map<String, Object>>) dict.get("param_groups");
    assertThat(groups.get(0))
        .containsEntry("lr", 1e-3)
        .containsEntry("betas", List.of(0.9, 0.999))
        .containsEntry("eps", 1e-8)
        .containsEntry("weight_decay", 0.0)
        .containsEntry("amsgrad", false)
        .containsEntry("params", List.of(0));
    assertThat(groups.get(1)).containsEntry("lr", 0.5).containsEntry("params", List.of(1));
    Map<Integer, Map<String, Object>> state = (Map<Integer, Map<String, Object>>) dict.get("state");
    assertThat(state.get(0)).containsOnlyKeys("step", "exp_avg", "exp_avg_sq");
    Tensor step = (Tensor) state.get(1).get("step");
    assertThat(step.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(step.item()).isEqualTo(1.0);
  }

  @Test
  void loadStateDictResumesIdentically() {
    Tensor a = param(1.0, -2.0);
    Adam first = new Adam(List.of(a), Adam.Options.of(0.1).amsgrad(true));
    a.setGrad(tensor(0.5, 0.25));
    first.step();
    Tensor b = tensor(a.toDoubleArray()).requiresGrad_(true);
    Adam second = new Adam(List.of(b), 0.7);
    second.loadStateDict(first.stateDict());
    assertThat(second.paramGroups().get(0).lr()).isEqualTo(0.1);
    assertThat(second.state(b).get("exp_avg")).isNotSameAs(first.state(a).get("exp_avg"));
    for (Tensor p : List.of(a, b)) {
      p.setGrad(tensor(-0.5, 1.0));
    }
    first.step();
    second.step();
    assertThat(b.toDoubleArray()).containsExactly(a.toDoubleArray());
  }

  @Test
  void loadStateDictRejectsMismatchedGroups() {
    SGD one = new SGD(List.of(param(1.0)), 0.1);
    SGD two = new SGD(List.of(param(1.0), param(2.0)), 0.1);
    assertThatThrownBy(() -> one.loadStateDict(two.stateDict()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "loaded state dict contains a parameter group that doesn't "
                + "match the size of optimizer's group");
    two.addParamGroup(List.of(param(3.0)), Map.of());
    assertThatThrownBy(() -> one.loadStateDict(two.stateDict()))
        .hasMessageStartingWith("loaded state dict has a different number of parameter groups");
  }

  @Test
  void badArgumentsThrowPyTorchMessages() {
    List<Tensor> ps = List.of(param(1.0));
    assertThatThrownBy(() -> new SGD(ps, -0.1)).hasMessage("Invalid learning rate: -0.1");
    assertThatThrownBy(() -> new SGD(ps, SGD.Options.of(0.1).nesterov(true)))
        .hasMessageStartingWith("Nesterov momentum requires a momentum and zero dampening");
    assertThatThrownBy(
            () -> new SGD(ps, SGD.Options.of(0.1).momentum(0.9).dampening(0.1).nesterov(true)))
        .hasMessageStartingWith("Nesterov momentum requires a momentum and zero dampening");
    assertThatThrownBy(() -> new Adam(ps, Adam.Options.of(0.1).betas(1.0, 0.9)))
        .hasMessage("Invalid beta parameter at index 0: 1.0");
    assertThatThrownBy(() -> new RMSprop(ps, RMSprop.Options.of(0.1).alpha(-1)))
        .hasMessage("Invalid alpha value: -1.0");
    assertThatThrownBy(() -> new Adagrad(ps, Adagrad.Options.of(0.1).lrDecay(-1)))
        .hasMessage("Invalid lr_decay value: -1.0");
    assertThatThrownBy(() -> new Adadelta(ps, Adadelta.Options.of(1.0).rho(1.5)))
        .hasMessage("Invalid rho value: 1.5");
    assertThatThrownBy(() -> new Adadelta(ps, -1.0)).hasMessage("Invalid learning rate: -1.0");
    assertThatThrownBy(() -> new SGD(List.of(), 0.1))
        .hasMessage("optimizer got an empty parameter list");
    Tensor leaf = param(1.0);
    assertThatThrownBy(() -> new SGD(List.of(leaf.mul(2)), 0.1))
        .hasMessage("can't optimize a non-leaf Tensor");
    SGD sgd = new SGD(List.of(leaf), 0.1);
    assertThatThrownBy(() -> sgd.addParamGroup(List.of(leaf), Map.of()))
        .hasMessage("some parameters appear in more than one parameter group");
  }

  @Test
  void adagradCreatesStateForEveryParameterAtConstruction() {
    Tensor a = param(1.0, 2.0);
    Adagrad adagrad = new Adagrad(List.of(a), Adagrad.Options.of(0.1).initialAccumulatorValue(0.5));
    assertThat(((Tensor) adagrad.state(a).get("sum")).toDoubleArray()).containsExactly(0.5, 0.5);
  }

  @Test
  void closureIsEvaluatedWithGradEnabledBeforeTheStep() {
    Tensor w = param(2.0);
    SGD sgd = new SGD(List.of(w), 0.25);
    Tensor loss;
    try (var scope = io.jgrad.JGrad.noGrad()) {
      loss =
          sgd.step(
              () -> {
                sgd.zeroGrad();
                Tensor l = w.mul(w).sum();
                l.backward();
                return l;
              });
    }
    assertThat(loss.item()).isEqualTo(4.0);
    assertThat(w.item()).isEqualTo(1.0);
  }
}
