package io.heartbeatharness.report;

import io.heartbeatharness.result.MatrixCell;
import io.heartbeatharness.result.RunResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.heartbeatharness.testing.RequiresTool;
import io.heartbeatharness.timeline.HarnessEvents;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report as a person sees it: the sample run written by {@link ReportWriter}, opened from {@code file://} in
 * headless Chromium. Screenshots of each page land in {@code target/browser-it/}.
 */
@RequiresTool(value = {"chromium", "chromedriver"}, reason = "render the report in a real browser")
class HtmlReportBrowserIT {
    private static final Path OUT = Path.of("target", "browser-it").toAbsolutePath();
    private static final RunResult RUN = SampleRuns.run();
    /**
     * Schemes that never leave the machine: the report's own files and inline data, plus the browser's internal
     * pages (its start page loads {@code chrome://} resources on its own, whatever page the test opens).
     */
    private static final Pattern LOCAL = Pattern.compile("(file|data|about|blob|chrome|chrome-untrusted):");
    private static Path report;
    private static HeadlessChromium browser;

    @BeforeAll
    static void openBrowser() throws IOException, InterruptedException {
        report = ReportWriter.write(RUN, OUT.resolve("report"), KeepTimelines.ALL).getParent();
        browser = HeadlessChromium.start(OUT);
        browser.console();
        browser.requests();
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    private static MatrixCell cell(String scenario, String target) {
        return RUN.matrix().stream().filter(c -> c.scenario().equals(scenario) && c.target().equals(target))
                .findFirst().orElseThrow();
    }

    private static Path page(MatrixCell cell) {
        return report.resolve("cells").resolve(cell.id() + ".html");
    }

    /** Opens a page and checks what every page must hold: no console message, no request beyond file://. */
    private static void openCleanly(Path page) throws IOException {
        browser.open(page);
        assertThat(browser.execute("return document.readyState").asText()).isEqualTo("complete");
        assertThat(browser.console()).as("console messages of %s", page).isEmpty();
        List<String> network = new ArrayList<>();
        for (String url : browser.requests()) {
            if (!LOCAL.matcher(url).lookingAt()) {
                network.add(url);
            }
        }
        assertThat(network).as("requests beyond file:// from %s", page).isEmpty();
        assertThat(browser.execute("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')"
                + ".content").asText()).isEqualTo("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        assertThat(browser.execute("return document.scripts.length + document.images.length").asInt()).isZero();
    }

    @Test
    void theIndexShowsTheMatrixWithEveryVerdictInWordsAndColour() throws IOException {
        openCleanly(report.resolve("index.html"));
        JsonNode cells = browser.execute("return Array.from(document.querySelectorAll('table.matrix td.cell:not(.na)'))"
                + ".map(td => [td.querySelector('.verdict').textContent, getComputedStyle(td).backgroundColor,"
                + " td.querySelector('a').getAttribute('href')])");
        assertThat(cells).hasSize(RUN.matrix().size());
        List<String> words = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        for (JsonNode cell : cells) {
            words.add(cell.get(0).asText());
            colours.add(cell.get(1).asText());
            assertThat(cell.get(2).asText()).startsWith("cells/").endsWith(".html");
            assertThat(report.resolve(cell.get(2).asText())).exists();
        }
        for (Verdict verdict : Verdict.values()) {
            assertThat(words).contains(verdict.name());
        }
        assertThat(colours.stream().distinct().count()).as("one background colour per verdict").isEqualTo(5);
        assertThat(browser.execute("return document.querySelectorAll('table.matrix thead th').length").asInt())
                .isEqualTo(1 + 3);
        assertThat(browser.execute("return document.querySelector('ul.counts').textContent").asText())
                .contains("PASS 2", "FAIL 1", "NON_STRICT 1", "UNSUPPORTED 1", "ERROR 1");
        browser.screenshot(OUT.resolve("index.png"), 2400);
    }

    @Test
    void aCellPageDrawsItsTimelineWithTheBudgetWindowAndTheEvents() throws IOException {
        MatrixCell cell = cell("half-open/both", SampleRuns.HEALTHY_CLIENT);
        openCleanly(page(cell));
        JsonNode window = browser.execute("const r = document.querySelector('svg.timeline rect.budget-window')"
                + ".getBoundingClientRect(); return [r.width, r.height]");
        assertThat(window.get(0).asDouble()).isGreaterThan(100);
        assertThat(window.get(1).asDouble()).isGreaterThan(100);
        JsonNode types = browser.execute("return Array.from(document.querySelectorAll('svg.timeline:not(.zoom) g.ev'))"
                + ".map(g => g.dataset.type)");
        assertThat(types).hasSize(cell.decisive().timeline().size());
        List<String> drawn = new ArrayList<>();
        types.forEach(t -> drawn.add(t.asText()));
        assertThat(drawn).contains(HarnessEvents.FAULT_START, HarnessEvents.FAULT_END, "peer-dead", "closed", "reconnect-scheduled",
                "connected", "ping-sent", "fin", "bytes");
        assertThat(browser.execute("return document.querySelector('svg.timeline').textContent").asText())
                .contains("fault start", "detected +3495 ms", "closed 1006 (by abnormal)", "reconnect #1 in 93 ms",
                        "first ping-sent after reconnect", "last pong-received");
        assertThat(browser.execute("return document.querySelector('.sentence').textContent").asText())
                .startsWith("expected detection within 3650 ms");
        assertThat(browser.execute("return document.querySelectorAll('table.events tbody tr').length").asInt())
                .isEqualTo(cell.decisive().timeline().size());
        browser.screenshot(OUT.resolve("cell-half-open-both-client.png"), 4000);
    }

    @Test
    void aStormPageShowsTheReconnectSpreadOfEveryRun() throws IOException {
        openCleanly(page(cell("server-restart/storm", SampleRuns.HOSTILE_TARGET)));
        assertThat(browser.execute("return document.querySelectorAll('svg.spread').length").asInt()).isEqualTo(3);
        assertThat(browser.execute("return document.querySelectorAll('details.run[open]').length").asInt()).isEqualTo(1);
        int bars = browser.execute("return document.querySelectorAll('details.run[open] svg.spread rect.bar').length")
                .asInt();
        assertThat(bars).isPositive();
        browser.screenshot(OUT.resolve("cell-storm.png"), 2400);
    }

    @Test
    void aTargetNameContainingScriptRendersAsText() throws IOException {
        openCleanly(page(cell("server-restart/storm", SampleRuns.HOSTILE_TARGET)));
        assertThat(browser.execute("return document.querySelector('h1').textContent").asText())
                .contains(SampleRuns.HOSTILE_TARGET);
        assertThat(browser.execute("return document.title").asText()).contains(SampleRuns.HOSTILE_TARGET);
        openCleanly(page(cell("frozen-client", SampleRuns.HEALTHY_SERVER)));
        assertThat(browser.execute("return document.querySelector('table.events').textContent").asText())
                .contains(SampleRuns.HOSTILE);
        openCleanly(page(cell("frozen-server", SampleRuns.HEALTHY_CLIENT)));
        assertThat(browser.execute("return document.querySelector('.sentence').textContent").asText())
                .endsWith(SampleRuns.HOSTILE);
        openCleanly(report.resolve("index.html"));
        assertThat(browser.execute("return document.querySelector('table.matrix thead').textContent").asText())
                .contains(SampleRuns.HOSTILE_TARGET);
    }

    @Test
    void markupFromATargetInEveryFieldRendersAsText() throws IOException {
        RunResult hostile = HostileRuns.run();
        Path dir = ReportWriter.write(hostile, OUT.resolve("hostile")).getParent();
        openCleanly(dir.resolve("cells").resolve(hostile.matrix().get(0).id() + ".html"));
        assertThat(browser.execute("return document.title").asText()).contains(HostileRuns.TARGET);
        assertThat(browser.execute("return document.querySelector('.sentence').textContent").asText())
                .endsWith(HostileRuns.MARKUP);
        assertThat(browser.execute("return document.querySelector('table.events').textContent").asText())
                .contains("closed" + HostileRuns.MARKUP, "field" + HostileRuns.MARKUP);
        assertThat(browser.execute("return document.querySelectorAll('svg [onload], [onerror], a[href^=javascript]')"
                + ".length").asInt()).isZero();
        openCleanly(dir.resolve("index.html"));
        assertThat(browser.execute("return document.querySelector('table.matrix thead').textContent").asText())
                .contains(HostileRuns.TARGET);
    }

    /** The checks above have teeth: a page reaching for the network is seen, even though the CSP blocks it. */
    @Test
    void aPageThatReachesForTheNetworkIsCaught() throws IOException {
        Path leaky = OUT.resolve("leaky.html");
        Files.writeString(leaky, HtmlReport.index(RUN).replace("</body>",
                "<img src=\"http://example.invalid/pixel.png\"></body>"));
        browser.open(leaky);
        assertThat(browser.requests()).contains("http://example.invalid/pixel.png");
        assertThat(browser.console()).anySatisfy(m -> assertThat(m).contains("Content Security Policy"));
    }

    @Test
    void everyPageOfTheReportLoadsCleanly() throws IOException {
        openCleanly(report.resolve("index.html"));
        for (MatrixCell cell : RUN.matrix()) {
            openCleanly(page(cell));
            assertThat(browser.execute("return document.querySelector('a[href=\"../index.html\"]') !== null")
                    .asBoolean()).isTrue();
        }
        assertThat(Files.list(report.resolve("cells")).count()).isEqualTo(2L * RUN.matrix().size());
    }
}
