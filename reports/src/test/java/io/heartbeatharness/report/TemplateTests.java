package io.heartbeatharness.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateTests {

    /** Triple braces and {@code &} print a value unescaped; no template may use them. */
    @Test
    void noTemplatePrintsAValueUnescaped() throws IOException {
        for (String name : new String[]{"head", "index", "cell", "timeline", "spread"}) {
            try (InputStream in = HtmlReport.class.getResourceAsStream(name + ".mustache")) {
                assertThat(in).as(name).isNotNull();
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(text).as(name).doesNotContain("{{{", "{{&", "{{=");
            }
        }
    }
}
