package io.regla.adapters.sqlimport;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps result-set rows onto a record: each column to the component of the same name, ignoring case
 * and underscores ({@code CHILD_NAME}, {@code child_name}, {@code childName} all fill {@code childName}).
 * Every column must name a component and every component must have a column: a misspelt alias is
 * an error, not a silently empty field.
 */
final class RecordRowMapper<T extends Record> {

    private final Class<T> type;
    private final RecordComponent[] components;
    private final Constructor<T> constructor;
    /** For each component, its column index (1-based) and label. */
    private final int[] columnOf;
    private final String[] labelOf;

    RecordRowMapper(Class<T> type, ResultSetMetaData meta) throws SQLException {
        this.type = type;
        this.components = type.getRecordComponents();
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record always has its canonical constructor", e);
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < components.length; i++) {
            byName.put(normalise(components[i].getName()), i);
        }
        columnOf = new int[components.length];
        labelOf = new String[components.length];
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            String label = meta.getColumnLabel(c);
            Integer component = byName.get(normalise(label));
            if (component == null) {
                throw new ImportException("import of " + type.getSimpleName() + ": column '" + label
                        + "' matches no field; fields are " + names(), 0, label, null);
            }
            if (columnOf[component] != 0) {
                throw new ImportException("import of " + type.getSimpleName() + ": columns '" + labelOf[component]
                        + "' and '" + label + "' both fill field " + components[component].getName(), 0, label, null);
            }
            columnOf[component] = c;
            labelOf[component] = label;
        }
        for (int i = 0; i < components.length; i++) {
            if (columnOf[i] == 0) {
                throw new ImportException("import of " + type.getSimpleName() + ": the query has no column for field '"
                        + components[i].getName() + "'", 0, components[i].getName(), null);
            }
        }
    }

    private String names() {
        return Arrays.stream(components).map(RecordComponent::getName).toList().toString();
    }

    static String normalise(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    T map(ResultSet rs, int row) {
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = read(rs, row, i);
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            // the record's own validation refused the row
            throw new ImportException("import of " + type.getSimpleName() + ", row " + row + ": "
                    + e.getCause().getMessage(), row, null, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private Object read(ResultSet rs, int row, int i) {
        Class<?> target = components[i].getType();
        int column = columnOf[i];
        try {
            Object value = convert(rs, column, target);
            if (value == null && target.isPrimitive()) {
                throw problem(row, i, "is empty but " + components[i].getName() + " needs a value", null);
            }
            return value;
        } catch (ImportException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException | SQLException | java.time.DateTimeException e) {
            String allowed = target.isEnum() ? " (allowed: " + Arrays.toString(target.getEnumConstants()) + ")" : "";
            throw problem(row, i, "cannot be read as " + target.getSimpleName() + allowed, e);
        }
    }

    private ImportException problem(int row, int i, String what, Throwable cause) {
        return new ImportException("import of " + type.getSimpleName() + ", row " + row + ", column '" + labelOf[i]
                + "': " + what, row, labelOf[i], cause);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(ResultSet rs, int c, Class<?> target) throws SQLException {
        Object raw = rs.getObject(c);
        if (raw == null) {
            return null;
        }
        if (target == String.class) {
            return rs.getString(c);
        }
        if (target.isEnum()) {
            String code = rs.getString(c).trim();
            for (Object constant : target.getEnumConstants()) {
                if (((Enum) constant).name().equalsIgnoreCase(code)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("no such constant");
        }
        if (target == LocalDate.class) {
            if (raw instanceof java.sql.Date d) {
                return d.toLocalDate();
            }
            if (raw instanceof Timestamp t) {
                return t.toLocalDateTime().toLocalDate();
            }
            return LocalDate.parse(raw.toString().trim());
        }
        if (target == LocalDateTime.class) {
            return raw instanceof Timestamp t ? t.toLocalDateTime() : LocalDateTime.parse(raw.toString().trim());
        }
        if (target == Instant.class || target == OffsetDateTime.class) {
            OffsetDateTime odt;
            if (raw instanceof OffsetDateTime o) {
                odt = o;
            } else if (raw instanceof Timestamp t) {
                // a timestamp without zone: taken as UTC, the store's zone for instants
                odt = t.toLocalDateTime().atOffset(ZoneOffset.UTC);
            } else {
                odt = rs.getObject(c, OffsetDateTime.class);
            }
            return target == Instant.class ? odt.toInstant() : odt;
        }
        if (target == int.class || target == Integer.class) {
            return Math.toIntExact(number(raw).longValueExact());
        }
        if (target == long.class || target == Long.class) {
            return number(raw).longValueExact();
        }
        if (target == BigDecimal.class) {
            return number(raw);
        }
        if (target == double.class || target == Double.class) {
            return number(raw).doubleValue();
        }
        if (target == boolean.class || target == Boolean.class) {
            return raw instanceof Boolean b ? b : rs.getBoolean(c);
        }
        throw new IllegalArgumentException("unsupported field type " + target.getName());
    }

    private static BigDecimal number(Object raw) {
        if (raw instanceof BigDecimal b) {
            return b;
        }
        if (raw instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return new BigDecimal(raw.toString().trim());
    }
}
