package dev.portico.hardening;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What identifies one studio's data in an answer: the id of every row of its schema and of its admin accounts, and its
 * customers' emails, phones and names, its staff, services, locations and packages, its name and its payment
 * references; less whatever the other studio has too (Maya is a customer of both, with one email). An answer of the
 * other studio's that contains any of these leaks this studio's data. (Its admins' emails are left out: another
 * studio's login and audit log rightly hold an email someone typed there.)
 */
final class StudioFingerprint {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Tables whose {@code id} names a studio's object. */
    private static final List<String> TABLES = List.of("customers", "staff", "services", "locations", "package_products",
            "customer_packages", "appointments", "payments", "class_sessions", "class_schedule_rules", "staff_time_off");

    private final String slug;
    private final Set<String> ids;
    private final Set<String> strings;

    private StudioFingerprint(String slug, Set<String> ids, Set<String> strings) {
        this.slug = slug;
        this.ids = ids;
        this.strings = strings;
    }

    /** Reads studio {@code slug}'s fingerprint from its schema, less what {@code other} shares with it. */
    static StudioFingerprint of(JdbcClient jdbc, String slug, String studioName, String other) {
        Set<String> ids = new HashSet<>();
        for (String table : TABLES) {
            jdbc.sql("SELECT id::text FROM tenant_" + slug + "." + table).query(String.class).list().forEach(ids::add);
        }
        jdbc.sql("SELECT a.id::text FROM platform.admin_users a JOIN platform.tenants t ON t.id = a.tenant_id WHERE t.slug = ?")
                .param(slug).query(String.class).list().forEach(ids::add);
        Set<String> strings = new HashSet<>(texts(jdbc, slug));
        strings.add(studioName);
        strings.removeAll(texts(jdbc, other));
        strings.removeIf(s -> s.length() < 6);
        return new StudioFingerprint(slug, Set.copyOf(ids), Set.copyOf(strings));
    }

    private static List<String> texts(JdbcClient jdbc, String slug) {
        String schema = "tenant_" + slug;
        List<String> texts = new ArrayList<>();
        texts.addAll(jdbc.sql("SELECT email FROM " + schema + ".customers WHERE email IS NOT NULL").query(String.class).list());
        texts.addAll(jdbc.sql("SELECT phone FROM " + schema + ".customers WHERE phone IS NOT NULL").query(String.class).list());
        texts.addAll(jdbc.sql("SELECT first_name || ' ' || last_name FROM " + schema + ".customers").query(String.class).list());
        texts.addAll(jdbc.sql("SELECT display_name FROM " + schema + ".staff").query(String.class).list());
        texts.addAll(jdbc.sql("SELECT email FROM " + schema + ".staff WHERE email IS NOT NULL").query(String.class).list());
        texts.addAll(jdbc.sql("SELECT name FROM " + schema + ".services").query(String.class).list());
        texts.addAll(jdbc.sql("SELECT name FROM " + schema + ".locations").query(String.class).list());
        texts.addAll(jdbc.sql("SELECT address FROM " + schema + ".locations WHERE address IS NOT NULL").query(String.class).list());
        texts.addAll(jdbc.sql("SELECT name FROM " + schema + ".package_products").query(String.class).list());
        texts.addAll(jdbc.sql("SELECT provider_payment_id FROM " + schema + ".payments WHERE provider_payment_id IS NOT NULL")
                .query(String.class).list());
        return texts;
    }

    String slug() {
        return slug;
    }

    /** How many ids and strings an answer is searched for. */
    int size() {
        return ids.size() + strings.size();
    }

    boolean owns(String id) {
        return ids.contains(id.toLowerCase(java.util.Locale.ROOT));
    }

    /** This studio's ids and strings that {@code answer} contains; empty when it leaks nothing. */
    List<String> foundIn(String answer) {
        Set<String> found = new TreeSet<>();
        Matcher uuids = UUID.matcher(answer);
        while (uuids.find()) {
            if (owns(uuids.group())) {
                found.add(uuids.group());
            }
        }
        // JSON may escape '&' and non-ASCII letters; compare with the unescaped answer as well.
        String unescaped = unescape(answer);
        for (String s : strings) {
            if (answer.contains(s) || unescaped.contains(s)) {
                found.add(s);
            }
        }
        return List.copyOf(found);
    }

    private static String unescape(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 5 < json.length() && json.charAt(i + 1) == 'u') {
                try {
                    out.append((char) Integer.parseInt(json.substring(i + 2, i + 6), 16));
                    i += 5;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape after all
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
