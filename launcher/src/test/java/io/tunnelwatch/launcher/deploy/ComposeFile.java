package io.tunnelwatch.launcher.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The part of the Compose file format deploy/compose uses, as records: read with unknown fields failing, so a key
 * outside this part (or a misspelt one) is reported instead of ignored.
 */
record ComposeFile(String name, Map<String, Service> services, Map<String, Map<String, Object>> volumes) {

    record Service(String image, List<String> command, Map<String, String> environment, List<String> ports,
                   List<String> volumes, @JsonProperty("depends_on") Map<String, Dependency> dependsOn,
                   Healthcheck healthcheck, String restart) {

        List<String> commandOrNone() {
            return command == null ? List.of() : command;
        }

        Map<String, String> environmentOrNone() {
            return environment == null ? Map.of() : environment;
        }

        List<Mount> mounts() {
            return volumes == null ? List.of() : volumes.stream().map(Mount::parse).toList();
        }

        List<String> portsOrNone() {
            return ports == null ? List.of() : ports;
        }
    }

    record Dependency(String condition) {
    }

    record Healthcheck(List<String> test, String interval, String timeout, Integer retries) {
    }

    /** {@code SOURCE:TARGET[:ro]}: a bind mount when the source is a path, else a named volume. */
    record Mount(String source, String target, boolean bind) {
        static Mount parse(String text) {
            String[] parts = text.split(":");
            return new Mount(parts[0], parts.length > 1 ? parts[1] : parts[0],
                    parts[0].startsWith(".") || parts[0].startsWith("/"));
        }
    }
}
