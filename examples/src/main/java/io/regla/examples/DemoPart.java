package io.regla.examples;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** One end-to-end example program that {@code regla demo} runs, in registration order. */
public interface DemoPart {

    String title();

    void run(PrintWriter out) throws Exception;

    /** The example programs of this module, in the order the demo runs them. */
    static List<DemoPart> all() {
        List<DemoPart> parts = new ArrayList<>();
        java.util.ServiceLoader.load(DemoPart.class).forEach(parts::add);
        parts.sort(java.util.Comparator.comparing(DemoPart::title));
        return parts;
    }
}
