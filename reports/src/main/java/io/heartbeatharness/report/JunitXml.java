package io.heartbeatharness.report;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.result.RunResult;
import io.heartbeatharness.verdict.Verdict;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A run as JUnit XML, the format CI systems read: one {@code testcase} per cell run, its classname the scenario and
 * its name the target. FAIL is a {@code failure} and ERROR an {@code error}, both carrying the verdict's sentence;
 * UNSUPPORTED is {@code skipped}; PASS and NON_STRICT (a SHOULD missed, which does not fail the run) pass.
 */
public final class JunitXml {
    private JunitXml() {
    }

    /** Writes {@code file} through a temporary sibling and a rename, so a reader never sees half of it. */
    public static void write(RunResult run, Path file) throws IOException {
        AtomicFiles.write(file, render(run));
    }

    static String render(RunResult run) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "heartbeat-harness");
            xml.writeAttribute("tests", Integer.toString(run.cells().size()));
            xml.writeAttribute("failures", Long.toString(run.count(Verdict.FAIL)));
            xml.writeAttribute("errors", Long.toString(run.count(Verdict.ERROR)));
            xml.writeAttribute("skipped", Long.toString(run.count(Verdict.UNSUPPORTED)));
            xml.writeAttribute("time", seconds(run.cells().stream().mapToLong(CellResult::elapsedMs).sum()));
            xml.writeAttribute("timestamp", run.startedAt().toString());
            for (CellResult cell : run.cells()) {
                xml.writeCharacters("\n  ");
                testcase(xml, cell);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render JUnit XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void testcase(XMLStreamWriter xml, CellResult cell) throws XMLStreamException {
        String outcome = switch (cell.verdict()) {
            case FAIL -> "failure";
            case ERROR -> "error";
            case UNSUPPORTED -> "skipped";
            case PASS, NON_STRICT -> null;
        };
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", cell.scenario());
        xml.writeAttribute("name", cell.repetition() > 1 ? cell.target() + " #" + cell.repetition() : cell.target());
        xml.writeAttribute("time", seconds(cell.elapsedMs()));
        if (outcome != null) {
            xml.writeStartElement(outcome);
            xml.writeAttribute("message", cell.message() == null ? cell.verdict().name() : cell.message());
            xml.writeAttribute("type", cell.verdict().name());
            xml.writeEndElement();
        }
        if (cell.verdict() == Verdict.NON_STRICT) {
            xml.writeStartElement("system-out");
            xml.writeCharacters("NON_STRICT: " + cell.message());
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
