package io.refundkit.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SimpleMeterRegistry} and a {@link TestObservationRegistry} wired as an application wires them: the
 * observation registry's meter handler writes to the meter registry (what Spring Boot does), so an observation gives
 * a timer. Plus what the tests read back.
 */
final class Registries {

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TestObservationRegistry observations = TestObservationRegistry.create();

  Registries() {
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
  }

  /** The gateway-call timer with exactly these tags (and no error), or null. */
  Timer gatewayCalls(String environment, String operation, String outcome, String code) {
    return meters.find(RefundObservability.GATEWAY_CALLS)
        .tags("environment", environment, "operation", operation, "outcome", outcome, "code", code, "error", "none")
        .timer();
  }

  /** The count of a counter with this {@code result} tag. */
  double counted(String name, String result) {
    return meters.get(name).tag("result", result).counter().count();
  }

  /** Every meter whose name or a tag holds {@code text}. */
  List<String> metersShowing(String text) {
    List<String> showing = new ArrayList<>();
    for (Meter meter : meters.getMeters()) {
      if (meter.getId().getName().contains(text)
          || meter.getId().getTags().stream().anyMatch(t -> t.getKey().contains(text) || t.getValue().contains(text))) {
        showing.add(meter.getId().toString());
      }
    }
    return showing;
  }

  /**
   * Everything a metrics backend or a tracer receives as text: every meter's name, description and tags, and every
   * observation's name, contextual name, key values and error.
   */
  List<String> everythingShown() {
    List<String> shown = new ArrayList<>();
    for (Meter meter : meters.getMeters()) {
      shown.add(meter.getId().getName());
      shown.add(String.valueOf(meter.getId().getDescription()));
      for (Tag tag : meter.getId().getTags()) {
        shown.add(tag.getKey() + "=" + tag.getValue());
      }
    }
    observations.assertThat().hasHandledContextsThatSatisfy(contexts -> {
      for (Observation.Context context : contexts) {
        shown.add(context.toString());
        shown.add(String.valueOf(context.getContextualName()));
        context.getAllKeyValues().forEach(kv -> shown.add(kv.getKey() + "=" + kv.getValue()));
        if (context.getError() != null) {
          shown.add(context.getError().toString());
        }
      }
    });
    return shown;
  }
}
