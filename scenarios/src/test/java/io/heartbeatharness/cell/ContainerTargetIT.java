package io.heartbeatharness.cell;

import io.heartbeatharness.run.CellRunner;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.target.TargetLaunch;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.ProcessReaper;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.backend.toxiproxy.DockerImages;
import io.heartbeatharness.scenario.halfopen.HalfOpen;
import io.heartbeatharness.spec.TargetBuilder;
import io.heartbeatharness.testing.Prerequisites;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.timeline.Timeline;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A target in a real container: a pinned public Python image running a line-protocol heartbeat server of a few lines
 * (stdlib only), on the host network. Where no Docker engine answers or the image is not present locally it is
 * skipped at once with that reason — a machine without an engine or a registry cannot have it, so not even
 * HARNESS_REQUIRE_ALL turns this into a failure (as for {@code ToxiproxyContainerIT}).
 */
@ExtendWith(ContainerTargetIT.ImagePresent.class)
class ContainerTargetIT {
    static final String IMAGE = "python:3.12.7-alpine3.20";

    /** Answers every {@code ping} with {@code pong}; closes a connection silent for interval + timeout. */
    static final String LINE_SERVER = """
            import asyncio, os
            LIMIT = (int(os.environ["INTERVAL_MS"]) + int(os.environ["TIMEOUT_MS"])) / 1000
            async def serve(reader, writer):
                try:
                    while True:
                        line = await asyncio.wait_for(reader.readline(), LIMIT)
                        if not line:
                            break
                        if line.strip() == b"ping":
                            writer.write(b"pong\\n")
                            await writer.drain()
                except (asyncio.TimeoutError, ConnectionError):
                    pass
                finally:
                    writer.close()
            async def main():
                server = await asyncio.start_server(serve, os.environ["HOST"], int(os.environ["PORT"]))
                print("listening on", os.environ["PORT"], flush=True)
                async with server:
                    await server.serve_forever()
            asyncio.run(main())
            """;

    static Target lineServer() {
        return TargetBuilder.server("python line server (container)").protocol("line")
                .interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(5))
                .image(IMAGE).command("python3", "-u", "-c", LINE_SERVER)
                .env("HOST", "${host}").env("PORT", "${port}")
                .env("INTERVAL_MS", "${interval_ms}").env("TIMEOUT_MS", "${timeout_ms}")
                .build();
    }

    @Test
    void aServerInAContainerIsCheckedLikeAProcessAndRemovedAfterwards() {
        CellResult cell = new CellRunner(RunDefaults.CI_SCALE, Tolerance.DEFAULT).run(HalfOpen.both(), lineServer());

        assertThat(cell.verdict()).as(cell.message()).isEqualTo(Verdict.PASS);
        assertThat(cell.timeline()).anyMatch(e -> e.is(HarnessEvents.PROCESS_START) && IMAGE.equals(e.str("image")));
        assertThat(ProcessReaper.live()).isZero();
    }

    @Test
    void pauseFreezesItKillStopsItAndCloseRemovesIt() throws Exception {
        Target target = lineServer();
        HeartbeatParams scaled = target.params().scaled(RunDefaults.CI_SCALE);
        CommandTargets.Started started = ContainerTargets.start("target", target, (TargetLaunch.Image) target.launch(),
                Side.SERVER, 0, scaled, new Timeline());
        try (TargetContainer container = (TargetContainer) started.process();
             Socket socket = new Socket(CommandTargets.HOST, started.port())) {
            socket.setSoTimeout((int) scaled.timeout().toMillis());
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.print("ping\n");
            out.flush();
            assertThat(in.readLine()).isEqualTo("pong");

            container.freeze();
            out.print("ping\n");
            out.flush();
            assertThatThrownBy(in::readLine).as("nothing in a paused container answers").isInstanceOf(SocketTimeoutException.class);
            container.resume();
            assertThat(in.readLine()).as("the ping sent while it was paused").isEqualTo("pong");

            container.kill();
            assertThat(container.isAlive()).isFalse();
        }
    }

    /** Enabled where Docker can start the image at once; elsewhere disabled with the reason, even under REQUIRE_ALL. */
    static final class ImagePresent implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Prerequisites.evaluateImpossibleHere(DockerImages.unavailableReason(IMAGE)
                    .map(reason -> "container image " + IMAGE + ": " + reason));
        }
    }
}
