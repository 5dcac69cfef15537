package io.heartbeatharness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heartbeatharness.testing.Prerequisites;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless {@code chromium} driven through {@code chromedriver}'s W3C WebDriver endpoints — the handful a
 * report test needs (open a page, run a query, read the console and network logs, take a screenshot) over plain
 * HTTP, so no browser-automation library is needed.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process driver;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String session;

    private HeadlessChromium(Process driver, Path profile, String base) throws IOException {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
        ObjectNode options = JSON.createObjectNode();
        options.put("binary", tool("chromium"));
        var args = options.putArray("args");
        for (String arg : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--window-size=1280,900", "--user-data-dir=" + profile)) {
            args.add(arg);
        }
        ObjectNode capabilities = JSON.createObjectNode();
        ObjectNode always = capabilities.putObject("capabilities").putObject("alwaysMatch");
        always.put("browserName", "chrome");
        always.set("goog:chromeOptions", options);
        ObjectNode logging = always.putObject("goog:loggingPrefs");
        logging.put("browser", "ALL");
        logging.put("performance", "ALL");
        this.session = call("POST", "/session", capabilities).get("sessionId").asText();
    }

    /** Starts chromedriver on a free loopback port and opens a browser session with a fresh profile. */
    static HeadlessChromium start(Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory("chromium-profile");
        Path log = workDir.resolve("chromedriver.log");
        Process driver = new ProcessBuilder(
                tool("chromedriver"), "--port=0", "--log-path=" + workDir.resolve("chromedriver-verbose.log"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            Matcher started = STARTED.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (started.find()) {
                try {
                    return new HeadlessChromium(driver, profile, "http://127.0.0.1:" + started.group(1));
                } catch (IOException | RuntimeException e) {
                    driver.destroyForcibly();
                    throw e;
                }
            }
            if (!driver.isAlive() || System.nanoTime() > deadline) {
                driver.destroyForcibly();
                throw new IOException("chromedriver did not start within " + STARTUP.toSeconds() + " s: "
                        + (Files.exists(log) ? Files.readString(log) : "(no output)"));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static String tool(String name) {
        return Prerequisites.findTool(name).orElseThrow().toString();
    }

    /** Opens {@code file} and returns once it has loaded. */
    void open(Path file) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("url", file.toUri().toString());
        call("POST", "/session/" + session + "/url", body);
    }

    /** Runs {@code script} (a function body; {@code return} gives the result) in the page. */
    JsonNode execute(String script) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("script", script);
        body.putArray("args");
        return call("POST", "/session/" + session + "/execute/sync", body);
    }

    /** Console messages since the last call, as "LEVEL message". */
    List<String> console() throws IOException {
        List<String> messages = new ArrayList<>();
        for (JsonNode entry : log("browser")) {
            messages.add(entry.get("level").asText() + " " + entry.get("message").asText());
        }
        return messages;
    }

    /** URLs of every request the page started since the last call, from the DevTools network log. */
    List<String> requests() throws IOException {
        List<String> urls = new ArrayList<>();
        for (JsonNode entry : log("performance")) {
            JsonNode message = JSON.readTree(entry.get("message").asText()).path("message");
            if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                urls.add(message.path("params").path("request").path("url").asText());
            }
        }
        return urls;
    }

    private JsonNode log(String type) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type);
        return call("POST", "/session/" + session + "/se/log", body);
    }

    /** Saves a PNG of the whole page (the window grown to the page's height, at most {@code maxHeight}). */
    void screenshot(Path png, int maxHeight) throws IOException {
        resize(1280, 900);
        int height = Math.min(execute("return document.documentElement.scrollHeight").asInt(900), maxHeight);
        resize(1280, Math.max(height, 600));
        String data = call("GET", "/session/" + session + "/screenshot", null).asText();
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    private void resize(int width, int height) throws IOException {
        ObjectNode rect = JSON.createObjectNode();
        rect.put("width", width);
        rect.put("height", height);
        call("POST", "/session/" + session + "/window/rect", rect);
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted talking to chromedriver", e);
        }
        JsonNode value = JSON.readTree(response.body()).path("value");
        if (response.statusCode() != 200) {
            throw new IOException("chromedriver " + method + " " + path + " answered " + response.statusCode() + ": "
                    + value.path("message").asText(response.body()));
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        try {
            call("DELETE", "/session/" + session, null);
        } finally {
            driver.destroy();
            try {
                if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
