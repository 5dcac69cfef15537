package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JunitXmlTests {

    private static CellResult cell(String scenario, String target, Verdict verdict, String message) {
        return new CellResult(scenario, "MUST", target, "embedded", verdict, message,
                3650L, "I + T + P + tol", null, null, 0.1, 150, null, 2500, List.of());
    }

    private static Document written(Path dir, CellResult... cells) throws Exception {
        Path file = dir.resolve("out").resolve("junit.xml");
        JunitXml.write(new RunResult(Instant.EPOCH, "dev", "17", 0.1, 150, List.of(cells)), file);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left beside it").containsExactly(file);
        }
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Element testcase(Document xml, int index) {
        return (Element) xml.getElementsByTagName("testcase").item(index);
    }

    @Test
    void oneTestcasePerCellNamedByScenarioAndTarget(@TempDir Path dir) throws Exception {
        Document xml = written(dir,
                cell("half-open/both", "node-ws server", Verdict.PASS, "expected … observed 5977 ms"),
                cell("frozen-client", "node-ws server", Verdict.NON_STRICT, "SHOULD missed"));

        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(testcase(xml, 0).getAttribute("classname")).isEqualTo("half-open/both");
        assertThat(testcase(xml, 0).getAttribute("name")).isEqualTo("node-ws server");
        assertThat(testcase(xml, 0).getAttribute("time")).isEqualTo("2.500");
        assertThat(testcase(xml, 0).getChildNodes().getLength()).as("a pass has no outcome element").isZero();
        assertThat(testcase(xml, 1).getElementsByTagName("failure").getLength()).as("NON_STRICT does not fail").isZero();
    }

    @Test
    void failIsAFailureErrorAnErrorAndUnsupportedSkippedEachWithTheVerdictSentence(@TempDir Path dir) throws Exception {
        Document xml = written(dir,
                cell("half-open/both", "bad <server> & co", Verdict.FAIL, "expected the server to close \"within\" 6150 ms"),
                cell("half-open/both", "node-ws server", Verdict.ERROR, "target: exited with status 3; stderr tail: boom"),
                cell("proxy-idle/nginx-cut", "node-ws server", Verdict.UNSUPPORTED, "nginx is not installed"));

        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(xml.getDocumentElement().getAttribute("errors")).isEqualTo("1");
        assertThat(xml.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(testcase(xml, 0).getAttribute("name")).isEqualTo("bad <server> & co");
        assertOutcome(testcase(xml, 0), "failure", "expected the server to close \"within\" 6150 ms");
        assertOutcome(testcase(xml, 1), "error", "target: exited with status 3; stderr tail: boom");
        assertOutcome(testcase(xml, 2), "skipped", "nginx is not installed");
    }

    private static void assertOutcome(Element testcase, String tag, String message) {
        NodeList outcome = testcase.getElementsByTagName(tag);
        assertThat(outcome.getLength()).as(tag).isEqualTo(1);
        assertThat(((Element) outcome.item(0)).getAttribute("message")).isEqualTo(message);
    }
}
