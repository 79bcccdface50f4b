package org.cloakroom.testing;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Records every SQL statement Hibernate sends, so tests can count them. */
public final class SqlCounter implements StatementInspector {

    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    @Override
    public String inspect(String sql) {
        STATEMENTS.add(sql);
        return sql;
    }

    public static void reset() {
        STATEMENTS.clear();
    }

    public static List<String> statements() {
        return List.copyOf(STATEMENTS);
    }

    public static int total() {
        return STATEMENTS.size();
    }

    /** Statements starting with {@code verb} (select, insert, update, delete). */
    public static long count(String verb) {
        return STATEMENTS.stream()
                .filter(s -> s.trim().toLowerCase(Locale.ROOT).startsWith(verb.toLowerCase(Locale.ROOT)))
                .count();
    }
}
