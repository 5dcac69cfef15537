package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.MatrixCell;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTests {
    private static final RunResult RUN = SampleRuns.run();

    private static MatrixCell cell(String scenario, String target) {
        return RUN.matrix().stream().filter(c -> c.scenario().equals(scenario) && c.target().equals(target))
                .findFirst().orElseThrow();
    }

    private static List<String> allPages() {
        List<String> pages = new ArrayList<>();
        pages.add(HtmlReport.index(RUN));
        RUN.matrix().forEach(c -> pages.add(HtmlReport.cellPage(RUN, c)));
        return pages;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theIndexMatchesItsGoldenFile() throws IOException {
        Golden.assertMatches(HtmlReport.index(RUN), "index.html");
    }

    @Test
    void theJsonMatchesItsGoldenFile(@TempDir Path dir) throws IOException {
        JsonReport.write(RUN, dir);
        Golden.assertMatches(Files.readString(dir.resolve("index.json")), "index.json");
    }

    @Test
    void cellPagesMatchTheirGoldenFiles() throws IOException {
        for (MatrixCell cell : List.of(cell("half-open/both", SampleRuns.HEALTHY_CLIENT),
                cell("frozen-client", SampleRuns.HEALTHY_SERVER), cell("frozen-server", SampleRuns.HEALTHY_CLIENT))) {
            Golden.assertMatches(HtmlReport.cellPage(RUN, cell), "cells/" + cell.id() + ".html");
        }
    }

    @Test
    void theIndexIsAMatrixOfScenariosByTargetsWithEveryVerdictInWords() {
        String html = HtmlReport.index(RUN);
        assertThat(count(html, "<td class=\"cell (pass|fail|non_strict|unsupported|error)\"")).isEqualTo(6);
        assertThat(count(html, "<td class=\"cell na\">")).isEqualTo(5 * 3 - 6);
        for (Verdict verdict : Verdict.values()) {
            assertThat(html).contains("data-verdict=\"" + verdict.name() + "\"");
            assertThat(html).contains("<span class=\"verdict\">" + verdict.name() + "</span>");
        }
        assertThat(html).contains("detect <b>3506 ms</b>", "reconnect <b>98 ms</b>", "budget 3650 ms");
        assertThat(html).contains("time scale <b>0.1</b>", "tolerance 150 ms", "backend embedded");
        assertThat(html).contains("href=\"cells/half-open-both__ws-json-client__embedded.html\"");
    }

    @Test
    void summaryCountsCountMatrixCells() {
        String html = HtmlReport.index(RUN);
        assertThat(html).contains(">PASS 2<", ">FAIL 1<", ">NON_STRICT 1<", ">UNSUPPORTED 1<", ">ERROR 1<",
                "6 cells, 8 runs");
    }

    @Test
    void textFromTargetsIsEscapedEverywhere() {
        for (String page : allPages()) {
            assertThat(page).doesNotContain("<script", "<img", "alert(\"pwned\")");
        }
        String storm = HtmlReport.cellPage(RUN, cell("server-restart/storm", SampleRuns.HOSTILE_TARGET));
        assertThat(storm).contains("&lt;script&gt;alert(1)&lt;/script&gt; server");
        String frozen = HtmlReport.cellPage(RUN, cell("frozen-client", SampleRuns.HEALTHY_SERVER));
        assertThat(frozen).contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;");
        String error = HtmlReport.cellPage(RUN, cell("frozen-server", SampleRuns.HEALTHY_CLIENT));
        assertThat(error).contains("stderr tail: &lt;script&gt;");
    }

    @Test
    void markupInATargetsNameMessageAndEveryEventFieldIsEscaped() {
        RunResult hostile = HostileRuns.run();
        List<String> pages = List.of(HtmlReport.index(hostile), HtmlReport.cellPage(hostile, hostile.matrix().get(0)));
        for (String page : pages) {
            // The pages draw their charts with inline <svg>; the target's markup must not add any.
            assertThat(page).doesNotContain("<script", "<img", "<svg onload", "<a href=\"javascript", "]]></title>",
                    "\"'>");
        }
        String cellPage = pages.get(1);
        assertThat(cellPage).contains("closed&quot;&#39;&gt;&lt;!-- ]]&gt;&lt;/title&gt;&lt;/script&gt;&lt;script&gt;",
                "field&quot;&#39;&gt;", "target&quot;&#39;&gt;", "observed the target printing &quot;&#39;&gt;");
    }

    @Test
    void pagesFetchNothingAndForbidFetching() {
        for (String page : allPages()) {
            assertThat(page).contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"");
            assertThat(page).doesNotContain("<link", "<script", "@import", "url(", " src=");
            Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(page);
            while (href.find()) {
                assertThat(href.group(1)).as("link").doesNotContain(":").doesNotStartWith("/");
            }
        }
    }

    @Test
    void aCellPageDrawsTheTimelineWithTheBudgetWindowAndTheVerdictSentence() {
        String html = HtmlReport.cellPage(RUN, cell("half-open/both", SampleRuns.HEALTHY_SERVER));
        assertThat(html).contains("<svg class=\"timeline\"", "class=\"budget-window\"",
                "budget window: 3650 ms from the fault&#39;s start");
        assertThat(html).contains("expected the server to close the dead connection within 3650 ms");
        assertThat(html).contains("closed 4000 heartbeat timeout (by self)", "last pong-received", "fault start");
        assertThat(html).contains("data-type=\"fault-start\"", "data-type=\"fin\"", "data-type=\"peer-dead\"");
    }

    @Test
    void processEventsAndTheFirstHeartbeatAfterReconnectAreLabelled() {
        String frozen = HtmlReport.cellPage(RUN, cell("frozen-client", SampleRuns.HEALTHY_SERVER));
        assertThat(frozen).contains(">SIGSTOP peer<", ">SIGCONT peer<");
        String client = HtmlReport.cellPage(RUN, cell("half-open/both", SampleRuns.HEALTHY_CLIENT));
        assertThat(client).contains(">first ping-sent after reconnect<", ">reconnect #1 in 93 ms<");
        assertThat(client).contains("Detection to reconnect, zoomed");
    }

    @Test
    void aMissingDetectionShowsADashNotZero() {
        String html = HtmlReport.cellPage(RUN, cell("frozen-client", SampleRuns.HEALTHY_SERVER));
        assertThat(html).contains("<dt>detection</dt><dd>—");
        assertThat(html).doesNotContain("class=\"vertical v-detect\"");
    }

    @Test
    void anErrorCellWithoutATimelineSaysSo() {
        String html = HtmlReport.cellPage(RUN, cell("frozen-server", SampleRuns.HEALTHY_CLIENT));
        assertThat(html).contains("<span class=\"verdict\">ERROR</span>", "No timeline in this report");
        assertThat(html).doesNotContain("<svg class=\"timeline\"");
    }

    @Test
    void aRepeatedCellShowsEveryRunDistributionsAndTheReconnectSpread() {
        String html = HtmlReport.cellPage(RUN, cell("server-restart/storm", SampleRuns.HOSTILE_TARGET));
        assertThat(html).contains("worst of 3 runs", "Run 1 of 3", "Run 2 of 3", "Run 3 of 3");
        assertThat(count(html, "<details class=\"run [a-z_]+\" id=\"run-\\d\" open>")).isEqualTo(1);
        assertThat(html).contains("<details class=\"run non_strict\" id=\"run-2\" open>");
        assertThat(html).contains("<th scope=\"row\">detection</th><td class=\"num\">3</td><td class=\"num\">120 ms</td>"
                + "<td class=\"num\">128 ms</td><td class=\"num\">135 ms</td><td class=\"num\">135 ms</td>");
        assertThat(count(html, "<svg class=\"spread\"")).isEqualTo(3);
        assertThat(count(html, "busiest 10 ms window: <b>\\d+ of 40</b>")).isEqualTo(3);
    }

    @Test
    void aLargeRepeatedCellTablesOnlyTheDecisiveRunsEvents() {
        List<CellResult> cells = new ArrayList<>();
        for (int repetition = 1; repetition <= 3; repetition++) {
            SampleRuns.Events events = new SampleRuns.Events();
            for (int i = 0; i < HtmlReport.EVENT_TABLES_UP_TO / 2; i++) {
                events.at(i, "peer", "ping-sent", "slot", i);
            }
            cells.add(new CellResult("latency/below-timeout", "MUST", "ws-json server", "embedded",
                    repetition == 2 ? Verdict.FAIL : Verdict.PASS, "run " + repetition, null, null, null, null, 0.1,
                    150, null, 0, events.list()).withRepetition(repetition));
        }
        RunResult run = new RunResult(SampleRuns.STARTED, "dev", "17", 0.1, 150, cells);
        String html = HtmlReport.cellPage(run, run.matrix().get(0));
        assertThat(count(html, "<table class=\"events\">")).isEqualTo(1);
        assertThat(count(html, "This run's events are in")).isEqualTo(2);
        assertThat(html).contains("<details class=\"run fail\" id=\"run-2\" open>");
    }

    @Test
    void aRunWithMoreEventsThanATableHoldsShowsThoseAroundTheFault() {
        SampleRuns.Events events = new SampleRuns.Events();
        int total = HtmlReport.EVENT_TABLES_UP_TO + 3_000;
        for (int i = 0; i < total; i++) {
            events.at(i, "proxy", "bytes", "conn", "c" + i);
        }
        long faultStart = SampleRuns.mono(2_000);
        CellResult cell = new CellResult("fleet/frozen-subset", "MUST", "ws-json server", "embedded", Verdict.PASS,
                "ok", null, null, null, null, 0.1, 150, faultStart, 0, events.list());
        RunResult run = new RunResult(SampleRuns.STARTED, "dev", "17", 0.1, 150, List.of(cell));
        String html = HtmlReport.cellPage(run, run.matrix().get(0));
        assertThat(html).contains("The table shows " + HtmlReport.EVENT_TABLES_UP_TO + " of this run's " + total + " events");
        // The details cell ends with the connection id ("conn=c1800", its "=" escaped).
        assertThat(html).contains("c" + (2_000 - HtmlReport.EVENT_ROWS_BEFORE_FAULT) + "<")
                .doesNotContain("c" + (2_000 - HtmlReport.EVENT_ROWS_BEFORE_FAULT - 1) + "<");
    }
}
