package io.regla.core.testmodel;

import java.time.LocalDate;

public record Person(String id, String name, int age, LocalDate birthday, Tier tier) {
    public enum Tier { BASIC, GOLD }
}
