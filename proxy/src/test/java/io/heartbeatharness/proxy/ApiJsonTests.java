package io.heartbeatharness.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.proxy.control.ProxyFaults;
import io.heartbeatharness.proxy.control.ToxicSpec;
import io.heartbeatharness.proxy.control.ToxiproxyException;
import io.heartbeatharness.proxy.toxics.LatencyToxic;
import io.heartbeatharness.proxy.toxics.SlicerToxic;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Toxic and fault JSON, read and written as Toxiproxy's Go code reads and writes it. */
class ApiJsonTests {
    private static JsonNode body(String json) {
        return GoJson.read(json.getBytes(StandardCharsets.UTF_8), "toxics.ToxicWrapper", false);
    }

    private static ToxicSpec newToxic(String json) {
        return ApiJson.newToxic(body(json), name -> name.equals("taken"));
    }

    private static String written(ToxicSpec toxic) {
        return new String(ApiJson.write(g -> ApiJson.toxic(g, toxic)), StandardCharsets.UTF_8);
    }

    @Test
    void defaultsAreDownstreamToxicityOneAndTypeUnderscoreStream() {
        ToxicSpec toxic = newToxic("{\"type\":\"latency\",\"attributes\":{\"latency\":100}}");
        assertThat(toxic).isEqualTo(new ToxicSpec("latency_downstream", Direction.DOWNSTREAM, 1f,
                new LatencyToxic(100, 0)));
    }

    @Test
    void writesEveryAttributeZerosIncludedInToxiproxysFieldOrder() {
        ToxicSpec toxic = new ToxicSpec("s", Direction.UPSTREAM, 0.5f, new SlicerToxic(10, 0, 0));
        assertThat(written(toxic)).isEqualTo("{\"attributes\":{\"average_size\":10,\"size_variation\":0,\"delay\":0},"
                + "\"name\":\"s\",\"type\":\"slicer\",\"stream\":\"upstream\",\"toxicity\":0.5}");
    }

    @Test
    void writesAWholeToxicityWithoutAFraction() {
        assertThat(written(ToxicSpec.of(Direction.DOWNSTREAM, new LatencyToxic(1, 2)))).endsWith("\"toxicity\":1}");
    }

    @Test
    void fieldNamesMatchIgnoringCaseAsInGo() {
        ToxicSpec toxic = newToxic("{\"Type\":\"latency\",\"STREAM\":\"upstream\",\"Attributes\":{\"Latency\":7}}");
        assertThat(toxic.stream()).isEqualTo(Direction.UPSTREAM);
        assertThat(toxic.toxic()).isEqualTo(new LatencyToxic(7, 0));
    }

    @Test
    void anUnknownTypeIsInvalidToxicType() {
        assertThatThrownBy(() -> newToxic("{\"type\":\"packet_loss\"}"))
                .isInstanceOf(ToxiproxyException.class).hasMessage("invalid toxic type")
                .extracting(e -> ((ToxiproxyException) e).status()).isEqualTo(400);
    }

    @Test
    void aMissingTypeIsInvalidToxicType() {
        assertThatThrownBy(() -> newToxic("{\"attributes\":{}}")).hasMessage("invalid toxic type");
    }

    @Test
    void anUnknownStreamIsRejectedBeforeTheType() {
        assertThatThrownBy(() -> newToxic("{\"type\":\"nope\",\"stream\":\"sideways\"}"))
                .hasMessage("stream was invalid, can be either upstream or downstream");
    }

    @Test
    void aTakenNameConflicts() {
        assertThatThrownBy(() -> newToxic("{\"name\":\"taken\",\"type\":\"latency\"}"))
                .hasMessage("toxic already exists")
                .extracting(e -> ((ToxiproxyException) e).status()).isEqualTo(409);
    }

    @Test
    void attributeOfTheWrongKindIsABadRequestBodyQuotingGosError() {
        assertThatThrownBy(() -> newToxic("{\"type\":\"latency\",\"attributes\":{\"latency\":\"fast\"}}"))
                .hasMessage("bad request body: json: cannot unmarshal string into Go struct field "
                        + "LatencyToxic.attributes.latency of type int64");
    }

    @Test
    void attributesBeyondSixtyFourBitsOrWithFractionsAreRejected() {
        assertThatThrownBy(() -> newToxic("{\"type\":\"latency\",\"attributes\":{\"latency\":99999999999999999999}}"))
                .hasMessageStartingWith("bad request body: json: cannot unmarshal number 99999999999999999999");
        assertThatThrownBy(() -> newToxic("{\"type\":\"timeout\",\"attributes\":{\"timeout\":1.5}}"))
                .hasMessageStartingWith("bad request body: json: cannot unmarshal number 1.5");
    }

    @Test
    void negativeAttributesAreAcceptedAsToxiproxyAcceptsThem() {
        assertThat(newToxic("{\"type\":\"latency\",\"attributes\":{\"latency\":-5}}").toxic())
                .isEqualTo(new LatencyToxic(-5, 0));
    }

    @Test
    void anUpdateKeepsOmittedAttributesAndToxicity() {
        ToxicSpec current = new ToxicSpec("l", Direction.UPSTREAM, 0.25f, new LatencyToxic(100, 10));
        ToxicSpec updated = ApiJson.updatedToxic(body("{\"attributes\":{\"jitter\":3}}"), current);
        assertThat(updated).isEqualTo(new ToxicSpec("l", Direction.UPSTREAM, 0.25f, new LatencyToxic(100, 3)));
    }

    @Test
    void malformedJsonIsABadRequestBodyInGosWords() {
        assertThatThrownBy(() -> body("{oops")).hasMessageStartingWith("bad request body: invalid character 'o'");
        assertThatThrownBy(() -> body("")).hasMessage("bad request body: EOF");
        assertThatThrownBy(() -> body("{\"type\":")).hasMessage("bad request body: unexpected EOF");
        assertThatThrownBy(() -> body("[]"))
                .hasMessage("bad request body: json: cannot unmarshal array into Go value of type toxics.ToxicWrapper");
    }

    @Test
    void stringsAreEscapedHtmlSafeAsGoDoes() {
        ToxicSpec toxic = new ToxicSpec("<a&b>", Direction.UPSTREAM, 1f, new LatencyToxic(0, 0));
        assertThat(written(toxic)).contains("\"name\":\"\\u003ca\\u0026b\\u003e\"");
    }

    @Test
    void faultsMergeOnlyWhatTheBodyNames() {
        ProxyFaults faults = ApiJson.faults(body("{\"nat_idle\":{\"timeout\":1500},\"blackhole\":{\"upstream\":true}}"),
                ProxyFaults.NONE.withIdleClose(Duration.ofSeconds(9)));
        assertThat(faults).isEqualTo(new ProxyFaults(true, false, Duration.ofMillis(1500), Duration.ofSeconds(9)));
    }

    @Test
    void aNegativeFaultTimeoutIsABadRequest() {
        assertThatThrownBy(() -> ApiJson.fault(Faults.IDLE_CLOSE, body("{\"timeout\":-1}"), ProxyFaults.NONE))
                .hasMessage("bad request body: idle_close.timeout must not be negative, got -1");
    }
}
