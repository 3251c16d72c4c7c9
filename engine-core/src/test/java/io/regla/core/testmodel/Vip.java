package io.regla.core.testmodel;

public record Vip(String personId, int level) {
}
