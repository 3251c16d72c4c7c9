package io.regla.examples.hospital;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A synthetic hospital ERP (seed 004) in an H2 database, with the table and column names such ERPs use
 * (paciente, atendimento, exame_lab, dispensacao) and a known number of deliberately injected irregularities:
 * missing fields, malformed documents and e-mails, duplicates, orphan admissions and results, impossible dates,
 * out-of-range values, lab results that are not numbers. {@link #injected()} says how many of each, per dataset
 * and check code, so a test can demand that the check finds every one and nothing else.
 */
public final class HospitalErp {

    static final String[] FIRST = {"Ana", "Bruno", "Carla", "Diego", "Elisa", "Fábio", "Gabriela", "Heitor", "Isabela",
            "João", "Larissa", "Marcos", "Natália", "Otávio", "Paula", "Rafael", "Sofia", "Tiago"};
    static final String[] LAST = {"Silva", "Souza", "Oliveira", "Santos", "Pereira", "Lima", "Carvalho", "Ferreira",
            "Rodrigues", "Almeida", "Costa", "Gomes"};
    static final String[] WARDS = {"UCI", "PEDIATRIA", "MATERNIDAD", "CLINICA", "CIRUGIA"};
    static final String[][] TESTS = {{"HEMOGLOBINA", "g/dL"}, {"GLICOSE", "mg/dL"}, {"CREATININA", "mg/dL"}, {"POTASSIO", "mmol/L"}};
    static final String[] DRUGS = {"DIPIRONA 500MG", "AMOXICILINA 500MG", "OMEPRAZOL 20MG", "SORO FISIOLOGICO 0,9%",
            "PARACETAMOL 750MG", "HEPARINA 5000UI"};

    private final Random random;
    private final int patients, admissions, labResults, dispensings;
    private final Map<String, Map<String, Integer>> injected = new LinkedHashMap<>();

    public HospitalErp(long seed, int patients, int admissions, int labResults, int dispensings) {
        this.random = new Random(seed);
        this.patients = patients;
        this.admissions = admissions;
        this.labResults = labResults;
        this.dispensings = dispensings;
    }

    /** The seed-004 sized hospital: 800 patients, 1,500 admissions, 3,000 lab results, 2,500 dispensings. */
    public static HospitalErp standard() {
        return new HospitalErp(4, 800, 1_500, 3_000, 2_500);
    }

    /** Injected irregularities per dataset and check code. */
    public Map<String, Map<String, Integer>> injected() {
        return injected;
    }

    public int rows(String dataset) {
        return switch (dataset) {
            case "patients" -> patients;
            case "admissions" -> admissions;
            case "labResults" -> labResults;
            case "dispensings" -> dispensings;
            default -> throw new IllegalArgumentException(dataset);
        };
    }

    /** Creates the ERP's tables in the database at {@code url} and fills them. */
    public void create(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE paciente (nr_linha INT PRIMARY KEY, cd_paciente VARCHAR(12), nm_paciente VARCHAR(100), "
                        + "nr_cpf VARCHAR(20), ds_email VARCHAR(120), dt_nascimento DATE, tp_sexo CHAR(1))");
                st.execute("CREATE TABLE atendimento (nr_linha INT PRIMARY KEY, cd_atendimento VARCHAR(12), cd_paciente VARCHAR(12), "
                        + "cd_setor VARCHAR(20), dh_entrada TIMESTAMP, dh_alta TIMESTAMP, nr_idade INT, vl_total DECIMAL(12,2))");
                st.execute("CREATE TABLE exame_lab (nr_linha INT PRIMARY KEY, cd_exame VARCHAR(12), cd_atendimento VARCHAR(12), "
                        + "cd_analito VARCHAR(20), ds_resultado VARCHAR(20), ds_unidade VARCHAR(10), dh_coleta TIMESTAMP)");
                st.execute("CREATE TABLE dispensacao (nr_linha INT PRIMARY KEY, cd_dispensacao VARCHAR(12), cd_atendimento VARCHAR(12), "
                        + "ds_produto VARCHAR(60), qt_dispensada INT, vl_unitario DECIMAL(12,4), vl_total DECIMAL(12,2), dh_dispensacao TIMESTAMP)");
            }
            List<String> patientIds = patients(c);
            List<String> admissionIds = admissions(c, patientIds);
            labResults(c, admissionIds);
            dispensings(c, admissionIds);
            c.commit();
        }
    }

    /** Distinct rows (never row 0, the template of duplicates) to carry each fault, by check code. */
    private Map<Integer, String> faults(String dataset, int rows, Map<String, Integer> counts) {
        Map<Integer, String> out = new TreeMap<>();
        Set<Integer> used = new HashSet<>();
        Map<String, Integer> ordered = new LinkedHashMap<>(counts);
        for (Map.Entry<String, Integer> e : ordered.entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                int row;
                do {
                    row = 1 + random.nextInt(rows - 1);
                } while (!used.add(row));
                out.put(row, e.getKey());
            }
        }
        injected.put(dataset, ordered);
        return out;
    }

    private List<String> patients(Connection c) throws SQLException {
        Map<Integer, String> faults = faults("patients", patients, counts("REQUIRED", 4, "PATTERN", 3, "FORMAT", 5,
                "RANGE", 2, "DUPLICATE_KEY", 3));
        List<String> ids = new ArrayList<>();
        Object[] first = null;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO paciente VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < patients; i++) {
                String id = String.format("P%06d", 100_000 + i);
                String first_ = FIRST[random.nextInt(FIRST.length)], last = LAST[random.nextInt(LAST.length)];
                Object[] row = {id, first_ + " " + last, cpf(), random.nextInt(5) == 0 ? null
                        : (first_ + "." + last + i).toLowerCase().replace('á', 'a').replace('ã', 'a').replace('é', 'e')
                        .replace('ó', 'o').replace('í', 'i') + "@exemplo.com.br",
                        java.sql.Date.valueOf(LocalDate.of(1935 + random.nextInt(88), 1 + random.nextInt(12), 1 + random.nextInt(28))),
                        random.nextBoolean() ? "F" : "M"};
                String fault = faults.get(i);
                if (fault != null) {
                    switch (fault) {
                        case "REQUIRED" -> row[1] = random.nextBoolean() ? null : " ";
                        case "PATTERN" -> row[2] = ((String) row[2]).replace(".", "").replace("-", "");
                        case "FORMAT" -> row[3] = "paciente" + i + "@exemplo";
                        case "RANGE" -> row[4] = java.sql.Date.valueOf(LocalDate.of(1880, 3, 1));
                        case "DUPLICATE_KEY" -> row = first.clone();
                        default -> throw new IllegalStateException(fault);
                    }
                }
                if (i == 0) first = row.clone();
                if (!"DUPLICATE_KEY".equals(fault)) ids.add((String) row[0]);
                ps.setInt(1, i + 1);
                for (int k = 0; k < row.length; k++) ps.setObject(k + 2, row[k]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ids;
    }

    private List<String> admissions(Connection c, List<String> patientIds) throws SQLException {
        Map<Integer, String> faults = faults("admissions", admissions, counts("REQUIRED", 3, "ENUM", 3, "RANGE", 2,
                "DUPLICATE_KEY", 2, "ORPHAN_REFERENCE", 6, "DISCHARGE_BEFORE_ADMISSION", 4));
        List<String> ids = new ArrayList<>();
        Object[] first = null;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO atendimento VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < admissions; i++) {
                LocalDateTime in = LocalDateTime.of(2025, 1, 1, 0, 0).plusMinutes(random.nextInt(365 * 24 * 60));
                LocalDateTime out = random.nextInt(6) == 0 ? null : in.plusHours(4 + random.nextInt(240));
                Object[] row = {String.format("A%06d", 200_000 + i), patientIds.get(random.nextInt(patientIds.size())),
                        WARDS[random.nextInt(WARDS.length)], Timestamp.valueOf(in), out == null ? null : Timestamp.valueOf(out),
                        random.nextInt(100), money(50, 90_000)};
                String fault = faults.get(i);
                if (fault != null) {
                    switch (fault) {
                        case "REQUIRED" -> row[3] = null;
                        case "ENUM" -> row[2] = "CARDIOLOGIA";
                        case "RANGE" -> row[5] = 121 + random.nextInt(800);
                        case "DUPLICATE_KEY" -> row = first.clone();
                        case "ORPHAN_REFERENCE" -> row[1] = String.format("P%06d", 900_000 + i);
                        case "DISCHARGE_BEFORE_ADMISSION" -> row[4] = Timestamp.valueOf(in.minusHours(1 + random.nextInt(48)));
                        default -> throw new IllegalStateException(fault);
                    }
                }
                if (i == 0) first = row.clone();
                if (!"DUPLICATE_KEY".equals(fault)) ids.add((String) row[0]);
                ps.setInt(1, i + 1);
                for (int k = 0; k < row.length; k++) ps.setObject(k + 2, row[k]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ids;
    }

    private void labResults(Connection c, List<String> admissionIds) throws SQLException {
        Map<Integer, String> faults = faults("labResults", labResults, counts("TYPE", 4, "RANGE", 3, "ORPHAN_REFERENCE", 5));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO exame_lab VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < labResults; i++) {
                String[] test = TESTS[random.nextInt(TESTS.length)];
                Object[] row = {String.format("L%07d", 3_000_000 + i), admissionIds.get(random.nextInt(admissionIds.size())),
                        test[0], new BigDecimal(random.nextInt(2_000)).movePointLeft(1).toPlainString(), test[1],
                        Timestamp.valueOf(LocalDateTime.of(2025, 1, 1, 6, 0).plusMinutes(random.nextInt(365 * 24 * 60)))};
                String fault = faults.get(i);
                if (fault != null) {
                    switch (fault) {
                        case "TYPE" -> row[3] = random.nextBoolean() ? "NEG" : "12,5";
                        case "RANGE" -> row[3] = "-" + (1 + random.nextInt(9)) + ".5";
                        case "ORPHAN_REFERENCE" -> row[1] = String.format("A%06d", 800_000 + i);
                        default -> throw new IllegalStateException(fault);
                    }
                }
                ps.setInt(1, i + 1);
                for (int k = 0; k < row.length; k++) ps.setObject(k + 2, row[k]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void dispensings(Connection c, List<String> admissionIds) throws SQLException {
        Map<Integer, String> faults = faults("dispensings", dispensings, counts("REQUIRED", 2, "RANGE", 3, "ORPHAN_REFERENCE", 4));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dispensacao VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < dispensings; i++) {
                int quantity = 1 + random.nextInt(30);
                BigDecimal unit = money(1, 400).setScale(4, RoundingMode.UNNECESSARY);
                Object[] row = {String.format("D%07d", 4_000_000 + i), admissionIds.get(random.nextInt(admissionIds.size())),
                        DRUGS[random.nextInt(DRUGS.length)], quantity, unit,
                        unit.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP),
                        Timestamp.valueOf(LocalDateTime.of(2025, 1, 1, 7, 0).plusMinutes(random.nextInt(365 * 24 * 60)))};
                String fault = faults.get(i);
                if (fault != null) {
                    switch (fault) {
                        case "REQUIRED" -> row[2] = null;
                        case "RANGE" -> row[3] = 0;
                        case "ORPHAN_REFERENCE" -> row[1] = String.format("A%06d", 700_000 + i);
                        default -> throw new IllegalStateException(fault);
                    }
                }
                ps.setInt(1, i + 1);
                for (int k = 0; k < row.length; k++) ps.setObject(k + 2, row[k]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Check code to count, in the given order (so that the same seed always faults the same rows). */
    private static Map<String, Integer> counts(Object... codeAndCount) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < codeAndCount.length; i += 2) m.put((String) codeAndCount[i], (Integer) codeAndCount[i + 1]);
        return m;
    }

    private String cpf() {
        return String.format("%03d.%03d.%03d-%02d", random.nextInt(1000), random.nextInt(1000), random.nextInt(1000), random.nextInt(100));
    }

    private BigDecimal money(int min, int max) {
        return BigDecimal.valueOf(min * 100L + random.nextInt((max - min) * 100)).movePointLeft(2);
    }
}
