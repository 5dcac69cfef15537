package io.heartbeatharness.nginx;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The generated configuration of one harness-owned nginx: a WebSocket-capable reverse proxy on loopback whose
 * idle timeout is {@code proxy_read_timeout} (nginx cuts a tunnel silent in both directions for that long).
 *
 * @param prefix       directory holding the config, pid file, logs and temp paths
 * @param listenPort   loopback port nginx listens on
 * @param upstreamPort loopback port of the server behind it
 * @param readTimeout  {@code proxy_read_timeout} and {@code proxy_send_timeout}; nginx accepts milliseconds
 */
public record NginxConfig(Path prefix, int listenPort, int upstreamPort, Duration readTimeout) {

    public NginxConfig {
        if (listenPort < 1 || listenPort > 65535) {
            throw new IllegalArgumentException("listen_port: must be 1..65535, got " + listenPort);
        }
        if (upstreamPort < 1 || upstreamPort > 65535) {
            throw new IllegalArgumentException("upstream_port: must be 1..65535, got " + upstreamPort);
        }
        if (readTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("read_timeout: must be at least 1 ms, got " + readTimeout);
        }
    }

    /** The nginx.conf text. WebSocket proxying needs HTTP/1.1 and the Upgrade/Connection headers passed on. */
    public String render() {
        String p = prefix.toAbsolutePath().toString();
        long ms = readTimeout.toMillis();
        return """
                daemon off;
                master_process on;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://127.0.0.1:%3$d;
                            proxy_http_version 1.1;
                            proxy_set_header Upgrade $http_upgrade;
                            proxy_set_header Connection $connection_upgrade;
                            proxy_set_header Host $http_host;
                            proxy_read_timeout %4$dms;
                            proxy_send_timeout %4$dms;
                        }
                    }
                }
                """.formatted(p, listenPort, upstreamPort, ms);
    }
}
