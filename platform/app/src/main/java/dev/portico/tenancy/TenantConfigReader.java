package dev.portico.tenancy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a studio's YAML configuration into a validated {@link TenantConfig}, reporting every problem
 * with its file, line and field so an operator can fix a file without guessing.
 */
@Component
public class TenantConfigReader {

    private static final int MAX_FILE_BYTES = 256 * 1024;

    private final TenantConfigValidator validator;
    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    TenantConfigReader(TenantConfigValidator validator) {
        this.validator = validator;
    }

    /** The outcome of reading one file: a config, or the problems that kept it from being one. */
    public record Result(@Nullable TenantConfig config, List<ConfigProblem> problems) {

        public boolean ok() {
            return config != null && problems.isEmpty();
        }
    }

    /** Reads and validates one file. */
    public Result read(Path file) {
        String source = file.getFileName().toString();
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return failure(source, null, "", "file is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
            }
            return read(source, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return failure(source, null, "", "cannot be read: " + e.getMessage());
        }
    }

    /** Reads and validates YAML text; {@code source} names it in problems. */
    public Result read(String source, String yaml) {
        return read(source, yaml, Set.of(), new LinkedHashMap<>());
    }

    /**
     * Reads and validates YAML (or JSON) text that may carry top-level keys beside the studio's settings, such as an
     * onboarding request's first owner: those named in {@code extraKeys} are taken out before the rest is read, and
     * put into {@code extras} as plain maps, lists and strings.
     */
    public Result read(String source, String yaml, Set<String> extraKeys, Map<String, @Nullable Object> extras) {
        Node root;
        try (Reader reader = new StringReader(yaml)) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            return failure(source, line == 0 ? null : line, "", "is not valid YAML: " + e.getProblem());
        } catch (IOException | RuntimeException e) {
            return failure(source, null, "", "is not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode)) {
            return failure(source, root == null ? null : line(root), "", "must be a YAML mapping of studio settings");
        }
        Map<String, Integer> lines = new HashMap<>();
        List<ConfigProblem> duplicates = new ArrayList<>();
        Object tree = toJava(root, "", lines, duplicates, source);
        if (!duplicates.isEmpty()) {
            return new Result(null, duplicates);
        }
        if (tree instanceof Map<?, ?> settings) {
            for (String key : extraKeys) {
                if (settings.containsKey(key)) {
                    extras.put(key, settings.remove(key));
                }
            }
        }

        TenantConfig config;
        try {
            config = mapper.convertValue(tree, TenantConfig.class);
        } catch (DatabindException e) {
            String field = path(e);
            return failure(source, lineOf(field, lines), field, bindingMessage(e));
        } catch (JacksonException | IllegalArgumentException e) {
            return failure(source, null, "", "cannot be read as a studio configuration: " + e.getMessage());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (TenantConfigCheck.FieldError error : validator.validate(config)) {
            problems.add(new ConfigProblem(source, lineOf(error.field(), lines), error.field(), error.message()));
        }
        return new Result(config, problems);
    }

    private static Result failure(String source, @Nullable Integer line, String field, String message) {
        return new Result(null, List.of(new ConfigProblem(source, line, field, message)));
    }

    /** Plain maps, lists and strings for Jackson, recording the line of every path on the way. */
    private static @Nullable Object toJava(Node node, String path, Map<String, Integer> lines, List<ConfigProblem> duplicates,
            String source) {
        lines.put(path, line(node));
        if (node instanceof MappingNode mapping) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(tuple.getKeyNode());
                String childPath = path.isEmpty() ? key : path + "." + key;
                if (map.containsKey(key)) {
                    duplicates.add(new ConfigProblem(source, line(tuple.getKeyNode()), childPath, "is set twice"));
                }
                map.put(key, toJava(tuple.getValueNode(), childPath, lines, duplicates, source));
                lines.put(childPath, line(tuple.getKeyNode()));
            }
            return map;
        }
        if (node instanceof SequenceNode sequence) {
            List<@Nullable Object> list = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                list.add(toJava(sequence.getValue().get(i), path + "[" + i + "]", lines, duplicates, source));
            }
            return list;
        }
        ScalarNode scalar = (ScalarNode) node;
        String value = scalar.getValue();
        boolean plain = scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
        if (plain && (value.isEmpty() || value.equals("~") || value.equals("null"))) {
            return null;
        }
        return value;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** The line of the longest recorded prefix of {@code field}. */
    private static @Nullable Integer lineOf(String field, Map<String, Integer> lines) {
        String path = field;
        while (!path.isEmpty()) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut < 0 ? "" : path.substring(0, cut);
        }
        return null;
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String bindingMessage(DatabindException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Unrecognized property")) {
            return "is not a known setting";
        }
        if (message != null && message.contains("Cannot deserialize value of type `java.lang.Integer`")) {
            return "must be a whole number";
        }
        if (message != null && message.contains("Cannot deserialize value of type `boolean`")) {
            return "must be true or false";
        }
        return "has the wrong shape: " + (message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(""));
    }
}
