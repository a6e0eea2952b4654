package dev.portico.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.StudioHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The operations the running app documents at {@code /v3/api-docs}: every path and method it serves. */
final class ApiDocument {

    /** One documented operation. */
    record Operation(String method, String path, List<Parameter> parameters, boolean hasBody) {

        /** {@code METHOD /path/{var}}, as allow-lists and reports name it. */
        String key() {
            return method + " " + path;
        }

        boolean under(String prefix) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }

        List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** One parameter: its name, where it goes ({@code path}, {@code query}, {@code cookie}) and whether it is required. */
    record Parameter(String name, String in, boolean required) {}

    private ApiDocument() {
    }

    /** Fetches the document from the running app, as any client could. */
    static List<Operation> fetch(StudioHttp http) {
        StudioHttp.Response document = http.get("localhost", "/v3/api-docs");
        assertThat(document.status()).as("GET /v3/api-docs").isEqualTo(200);
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.json().path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    parameters.add(new Parameter(parameter.path("name").asString(), parameter.path("in").asString(),
                            parameter.path("required").asBoolean(false)));
                }
                operations.add(new Operation(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(parameters),
                        operation.getValue().has("requestBody")));
            }
        }
        assertThat(operations).as("operations in the API document").hasSizeGreaterThan(50);
        return List.copyOf(operations);
    }
}
