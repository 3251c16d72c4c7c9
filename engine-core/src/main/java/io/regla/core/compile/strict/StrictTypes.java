package io.regla.core.compile.strict;

import java.util.List;
import java.util.Set;

/** The types a strict rule set may use as values, and those it may never name. */
final class StrictTypes {

    private StrictTypes() {
    }

    /** java.lang value types, java.math, java.time and collections: constructing them or calling their factories is safe. */
    private static final Set<String> VALUE_TYPES = Set.of("String", "Integer", "Long", "Double", "Float", "Short", "Byte",
            "Boolean", "Character", "Number", "Math", "Objects", "StringBuilder", "CharSequence", "Comparable",
            "BigDecimal", "BigInteger", "RoundingMode", "MathContext",
            "LocalDate", "LocalDateTime", "LocalTime", "Instant", "Duration", "Period", "ZonedDateTime", "OffsetDateTime",
            "ZoneId", "ZoneOffset", "DayOfWeek", "Month", "Year", "YearMonth", "MonthDay", "ChronoUnit", "ChronoField",
            "TemporalAdjusters", "DateTimeFormatter",
            "List", "Set", "Map", "Collection", "ArrayList", "LinkedList", "HashMap", "LinkedHashMap", "TreeMap", "HashSet",
            "LinkedHashSet", "TreeSet", "ArrayDeque", "Collections", "Arrays", "Optional", "Comparator", "Collectors",
            "EnumSet", "EnumMap", "UUID", "Locale");

    private static final List<String> VALUE_PACKAGES = List.of("java.lang.", "java.math.", "java.time.", "java.util.");

    /** Types that reach the host: the process, threads, reflection, class loading, scripting. */
    private static final Set<String> FORBIDDEN_NAMES = Set.of("System", "Runtime", "Thread", "ThreadGroup", "ThreadLocal",
            "Class", "ClassLoader", "Process", "ProcessBuilder", "ProcessHandle", "SecurityManager", "Executors",
            "ExecutorService", "Executor", "CompletableFuture", "ForkJoinPool", "Timer", "TimerTask",
            "File", "Files", "Path", "Paths", "FileSystems", "FileInputStream", "FileOutputStream", "FileReader",
            "FileWriter", "RandomAccessFile", "PrintStream", "Socket", "ServerSocket", "URL", "URLClassLoader",
            "HttpClient", "Method", "Field", "Constructor", "MethodHandles", "MethodHandle", "Proxy", "Unsafe",
            "ScriptEngineManager", "ScriptEngine", "ObjectInputStream", "InitialContext");

    /** Packages whose every type is off limits. */
    private static final List<String> FORBIDDEN_PACKAGES = List.of("java.io.", "java.nio.", "java.net.",
            "java.lang.reflect.", "java.lang.invoke.", "java.util.concurrent.", "javax.script.", "javax.naming.",
            "java.lang.management.", "java.rmi.", "sun.", "jdk.", "com.sun.", "org.kie.", "org.drools.");

    static boolean forbidden(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if (FORBIDDEN_NAMES.contains(simple) && (name.equals(simple) || name.startsWith("java.") || name.startsWith("javax.")
                || name.startsWith("sun.") || name.startsWith("jdk."))) {
            return true;
        }
        return FORBIDDEN_PACKAGES.stream().anyMatch(name::startsWith);
    }

    static boolean isValueType(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if (!VALUE_TYPES.contains(simple) || forbidden(name)) return false;
        return name.equals(simple) || VALUE_PACKAGES.stream().anyMatch(name::startsWith);
    }
}
