package dev.portico.plugin.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a plugin jar from compiled classes, the way PF4J's own tests build theirs: a manifest naming the plugin,
 * the classes (with their nested classes), and {@code META-INF/extensions.idx} listing the extensions.
 *
 * <pre>{@code
 * Path jar = PluginJar.of("flaky-channel", "1.0.0").extension(FlakyChannel.class).writeTo(pluginsDir);
 * }</pre>
 */
public final class PluginJar {

    private final String id;
    private final String version;
    private final Set<Class<?>> classes = new LinkedHashSet<>();
    private final List<String> extensions = new ArrayList<>();

    private PluginJar(String id, String version) {
        this.id = id;
        this.version = version;
    }

    public static PluginJar of(String id, String version) {
        return new PluginJar(id, version);
    }

    /** Adds an extension class (annotated {@code @Extension}) and lists it in the extension index. */
    public PluginJar extension(Class<?> type) {
        classes.add(type);
        extensions.add(type.getName());
        return this;
    }

    /** Adds a helper class the extensions use. */
    public PluginJar with(Class<?> type) {
        classes.add(type);
        return this;
    }

    /** Writes {@code <id>-<version>.jar} into {@code dir} and returns its path. */
    public Path writeTo(Path dir) {
        Path jar = dir.resolve(id + "-" + version + ".jar");
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", id);
        attributes.putValue("Plugin-Version", version);
        attributes.putValue("Plugin-Provider", "test");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (Class<?> type : classes) {
                for (Class<?> each : withNested(type)) {
                    String name = each.getName().replace('.', '/') + ".class";
                    try (InputStream bytes = each.getClassLoader().getResourceAsStream(name)) {
                        if (bytes == null) {
                            throw new IllegalStateException("class file of " + each.getName() + " not found");
                        }
                        jarOut.putNextEntry(new JarEntry(name));
                        bytes.transferTo(jarOut);
                        jarOut.closeEntry();
                    }
                }
            }
            jarOut.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            jarOut.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static List<Class<?>> withNested(Class<?> type) {
        List<Class<?>> all = new ArrayList<>();
        all.add(type);
        for (Class<?> nested : type.getDeclaredClasses()) {
            all.addAll(withNested(nested));
        }
        return all;
    }
}
